import EVSEModel
import JSON
import SimCore
import Testing

@testable import EverestAPI

@Suite("EVerest face: payload shapes in both flavours, and the 1 Hz cadence")
struct EverestFaceShapeTests {
    private static func expectedTopics(_ face: EverestFace) -> [String] {
        let t = face.topics
        return [
            t.connectors, t.variable(.datetime), t.variable(.hardwareCapabilities), t.variable(.sessionInfo),
            t.variable(.selectedProtocol), t.variable(.limits), t.variable(.telemetry), t.variable(.powermeter),
            t.ocppConnectionStatus,
            t.activeErrors,
        ]
    }

    private static func keys(_ value: JSONValue?) -> [String] { value?.objectValue?.members.map(\.key) ?? [] }

    @Test("every JSON payload parses, with the flavour's keys and number style", arguments: EverestAPIFlavor.allCases)
    func shapes(flavor: EverestAPIFlavor) throws {
        var rig = FaceRig.threePhase()
        rig.face = EverestFace(station: rig.station, configuration: EverestFaceConfiguration(flavor: flavor))
        rig.run(seconds: 1)
        let firstLimits = try rig.latest(.limits)
        rig.charge()
        let set = try #require(rig.ticks.last)
        #expect(set.map(\.topic) == Self.expectedTopics(rig.face))
        let text = Dictionary(set.map { ($0.topic, $0.payloadText) }, uniquingKeysWith: { $1 })
        let t = rig.face.topics

        // Raw strings, no JSON quotes.
        #expect(text[t.variable(.datetime)] == rig.station.wallTime.rfc3339(at: rig.station.now))
        #expect(text[t.ocppConnectionStatus] == "unknown")
        let jsonTopics = EverestTopics.Variable.allCases.filter { $0 != .datetime && $0 != .selectedProtocol }.map(
            t.variable)
        #expect(text[t.variable(.selectedProtocol)] == "IEC61851-1")
        for topic in [t.connectors, t.activeErrors] + jsonTopics {
            #expect(throws: Never.self, "\(topic) is JSON") { try parsePayload(text[topic] ?? "") }
        }

        let info = try rig.sessionInfo()
        var infoKeys = [
            "active_enable_disable_source", "charged_energy_wh", "charging_duration_s", "datetime",
            "discharged_energy_wh", "latest_total_w", "permanent_fault", "state",
        ]
        if flavor == .documented { infoKeys.insert("last_enable_disable_source", at: 5) }
        #expect(Self.keys(info) == infoKeys)  // sorted, as nlohmann prints them
        #expect(info["state"]?.string == "Charging")

        let caps = try rig.latest(.hardwareCapabilities)
        #expect(caps["max_current_A_import"]?.number == 32)
        #expect(caps["max_phase_count_import"]?.number == 3)
        #expect(caps["supports_changing_phases_during_charging"]?.bool == true)
        #expect(caps["connector_type"]?.string == "IEC62196Type2Cable")

        let telemetry = try rig.latest(.telemetry)
        let limits = try rig.latest(.limits)
        let meter = try rig.latest(.powermeter)
        #expect(limits["max_current"]?.number == 32)
        #expect(limits["uuid"]?.string == rig.face.evseID)
        #expect(Self.keys(meter["current_A"]) == ["L1", "L2", "L3"])
        let importWh = try #require(meter["energy_Wh_import"]?["total"]?.number)
        #expect(abs(importWh - rig.station.meter.importedWh) < 0.01)
        switch flavor {
        case .documented:
            #expect(telemetry["relais_on"]?.bool == true)
            #expect(telemetry["rcd_current"]?.number == 0)
            #expect(telemetry["phase_seq_error"] == nil)
            #expect(firstLimits["uuid"]?.string == rig.face.evseID)
            #expect(meter["timestamp"]?.number != nil)
            #expect(text[t.variable(.limits)]?.contains(#""max_current":32.0"#) == true)
        case .everest:
            // The module's key bug: relais_on's value under phase_seq_error (`LimitDecimalPlaces::limit()`).
            #expect(Self.keys(telemetry).prefix(2) == ["phase_seq_error", "temperature"])
            #expect(telemetry["phase_seq_error"]?.bool == true)
            #expect(telemetry["relais_on"] == nil)
            #expect(firstLimits["uuid"] == nil)
            #expect(
                meter["timestamp"]?.string == rig.station.wallTime.rfc3339(at: rig.station.now, milliseconds: false))
            #expect(text[t.variable(.limits)]?.contains(#""max_current": 32.00"#) == true)
        }
    }

    @Test("ticking once a second for 60 s gives exactly 60 sets, in order", arguments: [false, true])
    func cadence(charging: Bool) throws {
        var rig = FaceRig()
        if charging { rig.apply(.plug) }
        rig.run(seconds: 60)
        #expect(rig.ticks.count == 60)
        let expected = Self.expectedTopics(rig.face)
        #expect(rig.ticks.allSatisfy { $0.map(\.topic) == expected })
        #expect(rig.published.filter { $0.topic == rig.face.topics.connectors }.count == 60)
        let times = rig.ticks.map { $0[1].payloadText }
        #expect(times == (1...60).map { rig.station.wallTime.rfc3339(at: .zero + .seconds(Int64($0))) })
        #expect(rig.published.allSatisfy { !$0.retain })
    }

    @Test("without the shared topics a face publishes only its own seven")
    func ownTopicsOnly() throws {
        var rig = FaceRig(configuration: EverestFaceConfiguration(topicPrefix: "site/", publishesSharedTopics: false))
        rig.run(seconds: 3)
        let expected = [
            "datetime", "hardware_capabilities", "session_info", "selected_protocol", "limits", "telemetry",
            "powermeter",
        ]
        .map { "site/everest_api/evse_manager/var/\($0)" }
        #expect(rig.ticks.allSatisfy { $0.map(\.topic) == expected })
    }
}
