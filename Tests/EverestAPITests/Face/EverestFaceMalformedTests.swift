import EVSEModel
import SimCore
import Testing

@testable import EverestAPI

/// One payload the real API module ignores (everest-core `API::init()`, `API::ready()`).
struct MalformedCommand: Sendable, CustomTestStringConvertible {
    var command: EverestCommandName
    var payload: String
    var testDescription: String { "\(command.rawValue) \(payload.debugDescription)" }

    init(_ command: EverestCommandName, _ payload: String) {
        self.command = command
        self.payload = payload
    }

    static let corpus: [MalformedCommand] = [
        // enable_disable: empty, not JSON, wrong case, wrong types.
        .init(.enableDisable, ""),
        .init(.enableDisable, "{"),
        .init(.enableDisable, "{'state':'Disable'}"),
        .init(.enableDisable, #"{"state":"Disable",}"#),
        .init(.enableDisable, #"{"state":"disable"}"#),
        .init(.enableDisable, #"{"source":"csms","state":"Disable"}"#),
        .init(.enableDisable, #"{"state":"Disable","priority":"1"}"#),
        .init(.enableDisable, #"{"state":5}"#),
        .init(.enableDisable, #"{"connector_id":"1","state":"Disable"}"#),
        .init(.enableDisable, #"{"state":"Disable"} trailing"#),
        // enable / disable: no number.
        .init(.enable, ""),
        .init(.enable, "one"),
        .init(.disable, ""),
        .init(.disable, "x1"),
        .init(.disable, "99999999999"),
        // set_limit_amps / set_limit_watts: no number, or out of float range (a crash in C++).
        .init(.setLimitAmps, ""),
        .init(.setLimitAmps, "abc"),
        .init(.setLimitAmps, "A16"),
        .init(.setLimitAmps, "1e99"),
        .init(.setLimitAmps, "-"),
        .init(.setLimitWatts, ""),
        .init(.setLimitWatts, "W2400"),
        .init(.setLimitWatts, "1e40"),
        // set_limit_amps_phases: both keys required, JSON numbers, phases 1 or 3.
        .init(.setLimitAmpsPhases, ""),
        .init(.setLimitAmpsPhases, "16"),
        .init(.setLimitAmpsPhases, #"{"amps":6}"#),
        .init(.setLimitAmpsPhases, #"{"phases":1}"#),
        .init(.setLimitAmpsPhases, #"{"amps":"6","phases":1}"#),
        .init(.setLimitAmpsPhases, #"{"amps":6,"phases":"1"}"#),
        .init(.setLimitAmpsPhases, #"{"amps":6,"phases":2}"#),
        .init(.setLimitAmpsPhases, #"{"amps":6,"phases":0}"#),
        .init(.setLimitAmpsPhases, #"{amps:6,phases:1}"#),
        .init(.setLimitAmpsPhases, #"{"amps":6,"phases":1"#),
        // uk_random_delay: exactly enable, disable or cancel.
        .init(.ukRandomDelay, ""),
        .init(.ukRandomDelay, "Disable"),
        .init(.ukRandomDelay, "disable "),
        .init(.ukRandomDelay, "\"disable\""),
        .init(.ukRandomDelay, "off"),
    ]
}

@Suite("EVerest face: malformed commands change nothing, except the documented defaults")
struct EverestFaceMalformedTests {
    /// A charging station with the random delay on, an amp limit with a phase count, and a
    /// CSMS row in the table: every command above would visibly change it if applied.
    private func chargingRig() -> FaceRig {
        var profile = StationProfile()
        profile.phases = 3
        profile.ukRandomDelay.enabled = true
        var vehicle = VehicleProfile()
        vehicle.phases = 3
        var rig = FaceRig(profile: profile, vehicle: vehicle)
        rig.send(.enableDisable, #"{"source":"CSMS","state":"Enable","priority":5000}"#)
        // Set while idle, so that no random delay starts (`energyImpl::handle_enforce_limits()`).
        rig.send(.setLimitAmpsPhases, #"{"amps":20,"phases":3}"#)
        rig.charge()
        return rig
    }

    @Test("ignored without a trace of change", arguments: MalformedCommand.corpus)
    func malformedChangesNothing(case malformed: MalformedCommand) throws {
        var rig = chargingRig()
        #expect(rig.draws(20))
        let before = StationSnapshot(rig.station)
        let result = rig.send(malformed.command, malformed.payload)
        guard case .rejected(let reason) = result else {
            Issue.record("expected a rejection, got \(result)")
            return
        }
        #expect(!reason.isEmpty)
        #expect(StationSnapshot(rig.station) == before)
        rig.run(seconds: 3)
        #expect(StationSnapshot(rig.station) == before)
        #expect(try rig.sessionInfo()["state"]?.string == "Charging")
        let rejection = try #require(rig.records.last { $0.kind == "mqtt.reject" })
        #expect(rejection["topic"] == .string(rig.face.topics.command(malformed.command)))
        #expect(rejection["payload"] == .payload(Array(malformed.payload.utf8)))
        #expect(rejection["reason"] == .string(reason))
    }

    @Test("force_unlock with an unparsable connector id still stops the transaction (connector 1)")
    func forceUnlockDefault() throws {
        var rig = chargingRig()
        let result = rig.send(.forceUnlock, "left")
        guard case .defaulted(let what, _) = result else {
            Issue.record("expected the default to apply, got \(result)")
            return
        }
        #expect(what.contains("connector 1"))
        rig.run(seconds: 2)
        #expect(rig.station.everest.transaction == .finished)
        #expect(!rig.station.relay.closed)
    }

    @Test("uk_random_delay_set_max_duration_s with garbage uses 600 s", arguments: ["", "ten", "99999999999"])
    func maxDurationDefault(payload: String) throws {
        var rig = chargingRig()
        rig.send(.ukRandomDelaySetMaxDuration, "30")
        #expect(rig.station.everest.randomDelay.maxDurationSeconds == 30)
        let before = StationSnapshot(rig.station)
        let result = rig.send(.ukRandomDelaySetMaxDuration, payload)
        guard case .defaulted = result else {
            Issue.record("expected the default to apply, got \(result)")
            return
        }
        var expected = before
        expected.delayMax = 600
        #expect(StationSnapshot(rig.station) == expected)
    }

    @Test("a topic that is not one of this EVSE's commands is ignored and traced")
    func unknownTopic() throws {
        var rig = chargingRig()
        let before = StationSnapshot(rig.station)
        for topic in [
            "everest_api/evse_manager/cmd/reboot", "everest_api/other_evse/cmd/stop_charging",
            "everest_api/evse_manager/var/session_info", "prefix/everest_api/evse_manager/cmd/stop_charging",
        ] {
            let result = rig.face.receive(topic: topic, payload: "", station: &rig.station)
            #expect(result == .ignored(topic: topic))
            #expect(!rig.face.handles(topic: topic))
        }
        #expect(StationSnapshot(rig.station) == before)
        let records = rig.face.drainRecords()
        #expect(records.count == 4)
        #expect(records.allSatisfy { $0.kind == "mqtt.reject" && $0.source == "mqtt" })
    }
}
