import EVSEModel
import SimCore
import Testing

@testable import EverestAPI

@Suite("EVerest face: every command acts on the station (API module cmd handlers)")
struct EverestFaceCommandTests {
    private func source(_ rig: FaceRig) throws -> String {
        let s = try #require(try rig.sessionInfo()["active_enable_disable_source"])
        return "\(s["source"]?.string ?? "?")/\(s["state"]?.string ?? "?")/\(Int(s["priority"]?.number ?? -1))"
    }

    @Test("enable_disable: the lowest priority number wins, Disable wins ties, Unassigned steps aside")
    func enableDisablePriorities() throws {
        var rig = FaceRig()
        rig.run(seconds: 1)
        #expect(try rig.sessionInfo()["state"]?.string == "Unplugged")

        rig.send(.enableDisable, #"{"source":"CSMS","state":"Disable","priority":5000}"#)
        rig.run(seconds: 1)
        #expect(!rig.station.everest.enabled)
        #expect(rig.station.controller.state == .disabled)
        #expect(try rig.sessionInfo()["state"]?.string == "Disabled")
        #expect(try source(rig) == "CSMS/Disable/5000")

        // A LocalAPI enable at 100 overrides the CSMS disable at 5000.
        rig.send(.enableDisable, #"{"source":"LocalAPI","state":"Enable","priority":100}"#)
        rig.run(seconds: 1)
        #expect(rig.station.everest.enabled)
        #expect(try rig.sessionInfo()["state"]?.string == "Unplugged")
        #expect(try source(rig) == "LocalAPI/Enable/100")

        // At equal priority Disable beats Enable.
        rig.send(.enableDisable, #"{"source":"MobileApp","state":"Disable","priority":100}"#)
        rig.run(seconds: 1)
        #expect(!rig.station.everest.enabled)
        #expect(try source(rig) == "MobileApp/Disable/100")

        // Both step aside: the CSMS row decides again (no state change, so no new event).
        rig.send(.enableDisable, #"{"source":"MobileApp","state":"Unassigned","priority":100}"#)
        rig.send(.enableDisable, #"{"source":"LocalAPI","state":"Unassigned"}"#)
        rig.run(seconds: 1)
        #expect(!rig.station.everest.enabled)
        #expect(try rig.sessionInfo()["state"]?.string == "Disabled")

        rig.send(.enableDisable, #"{"source":"CSMS","state":"Enable","priority":5000}"#)
        rig.run(seconds: 2)
        #expect(rig.station.everest.enabled)
        #expect(rig.station.controller.state != .disabled)
        #expect(try rig.sessionInfo()["state"]?.string == "Unplugged")
    }

    @Test("enable / disable: a connector id read like std::stoi, LocalAPI at priority 100")
    func legacyEnableDisable() throws {
        var rig = FaceRig()
        let disabled = rig.send(.disable, "0")
        #expect(disabled.changedStation)
        #expect(!rig.station.everest.enabled)
        #expect(
            rig.station.everest.table.rows.contains(EnableDisableRow(source: .localAPI, state: .disable, priority: 100))
        )
        rig.send(.enable, " 1abc")
        #expect(rig.station.everest.enabled)
        #expect(
            rig.station.everest.table.rows.contains(EnableDisableRow(source: .localAPI, state: .enable, priority: 100)))
    }

    @Test(
        "enable_disable: valid JSON that is not an object, and {}, mean all defaults",
        arguments: ["5", #""x""#, "{}", "[]", "null"])
    func enableDisableDefaults(payload: String) throws {
        var rig = FaceRig()
        rig.send(.enableDisable, #"{"source":"CSMS","state":"Disable","priority":5000}"#)
        #expect(!rig.station.everest.enabled)
        let result = rig.send(.enableDisable, payload)
        guard case .applied = result else {
            Issue.record("expected the defaults to apply, got \(result)")
            return
        }
        #expect(rig.station.everest.enabled)
        #expect(
            rig.station.everest.table.rows.contains(EnableDisableRow(source: .localAPI, state: .enable, priority: 100)))
    }

    @Test("pause_charging, resume_charging, stop_charging")
    func pauseResumeStop() throws {
        var rig = FaceRig()
        rig.charge()
        #expect(rig.station.relay.closed)
        #expect(try rig.sessionInfo()["state"]?.string == "Charging")

        rig.send(.pauseCharging, "")
        rig.run(seconds: 3)
        #expect(!rig.station.relay.closed)
        #expect(rig.station.flowingAmps == 0)
        #expect(try rig.sessionInfo()["state"]?.string == "ChargingPausedEVSE")

        rig.send(.resumeCharging, "whatever")
        rig.run(seconds: 5)
        #expect(rig.station.relay.closed)
        #expect(try rig.sessionInfo()["state"]?.string == "Charging")

        rig.send(.stopCharging, "")
        rig.run(seconds: 3)
        #expect(!rig.station.relay.closed)
        #expect(rig.station.everest.transaction == .finished)
        #expect(try rig.sessionInfo()["state"]?.string == "FinishedEVSE")

        // Without an active transaction pause and resume do nothing.
        let resumed = rig.send(.resumeCharging, "")
        rig.run(seconds: 3)
        #expect(resumed.description.contains("no effect"))
        #expect(!rig.station.relay.closed)
        #expect(try rig.sessionInfo()["state"]?.string == "FinishedEVSE")
    }

    @Test("force_unlock stops the transaction with reason UnlockCommand (#786)")
    func forceUnlock() throws {
        var rig = FaceRig()
        rig.charge()
        rig.stationEvents.removeAll()
        rig.send(.forceUnlock, "1")
        rig.run(seconds: 3)
        #expect(rig.station.everest.transaction == .finished)
        #expect(!rig.station.relay.closed)
        // Not Local, so Finished rather than FinishedEVSE (`SessionInfo::update_state()`).
        #expect(try rig.sessionInfo()["state"]?.string == "Finished")
        let finished = rig.stationEvents.contains {
            if case .session(.transactionFinished(reason: .unlockCommand, _)) = $0.event { true } else { false }
        }
        #expect(finished)
    }

    @Test("set_limit_amps without the random delay applies at once")
    func setLimitAmps() throws {
        var rig = FaceRig()
        rig.charge()
        #expect(rig.draws(32))
        rig.send(.setLimitAmps, "10")
        rig.run(seconds: 3)
        #expect(rig.draws(10))
        #expect(try rig.latest(.limits)["max_current"]?.number == 10)
        #expect(abs(try rig.phaseCurrents()[0] - 10) < 0.1)
        #expect(try rig.sessionInfo()["uk_random_delay"] == nil)

        // Zero (and anything non-positive) leaves no import current: the EVSE waits for energy.
        rig.send(.setLimitAmps, "-5")
        rig.run(seconds: 3)
        #expect(rig.station.flowingAmps == 0)
        #expect(try rig.latest(.limits)["max_current"]?.number == 0)
        #expect(try rig.sessionInfo()["state"]?.string == "ChargingPausedEVSE")

        rig.send(.setLimitAmps, " 16A")
        rig.run(seconds: 5)
        #expect(rig.draws(16))
        #expect(try rig.sessionInfo()["state"]?.string == "Charging")
    }

    @Test("set_limit_watts: a total power, per phase at the nominal voltage")
    func setLimitWatts() throws {
        var rig = FaceRig()
        rig.charge()
        rig.send(.setLimitWatts, "2400")
        rig.run(seconds: 3)
        // 2400 W / 240 V / 1 phase.
        #expect(rig.draws(10))
        #expect(try rig.latest(.limits)["max_current"]?.number == 10)
        // A later set_limit_amps replaces the watt limit.
        rig.send(.setLimitAmps, "20")
        rig.run(seconds: 3)
        #expect(rig.station.everest.limitWatts == nil)
        #expect(rig.draws(20))
    }

    @Test("set_limit_amps_phases switches between one and three phases")
    func phaseSwitching() throws {
        var rig = FaceRig.threePhase()
        rig.charge()
        #expect(try rig.phaseCurrents().allSatisfy { $0 > 15 })

        rig.send(.setLimitAmpsPhases, #"{"amps":16,"phases":1}"#)
        rig.run(seconds: 3)
        let one = try rig.phaseCurrents()
        #expect(abs(one[0] - 16) < 0.5)
        #expect(one[1] == 0 && one[2] == 0)
        #expect(try rig.latest(.limits)["nr_of_phases_available"]?.number == 1)
        let power = try #require(try rig.latest(.powermeter)["power_W"]?["total"]?.number)
        #expect(abs(power - 16 * 230) < 0.05 * 16 * 230)

        rig.send(.setLimitAmpsPhases, #"{"amps":10,"phases":3}"#)
        rig.run(seconds: 3)
        #expect(try rig.phaseCurrents().allSatisfy { abs($0 - 10) < 0.5 })
        #expect(try rig.latest(.limits)["nr_of_phases_available"]?.number == 3)

        // A set_limit_amps replaces the whole schedule entry, phase count included.
        rig.send(.setLimitAmpsPhases, #"{"amps":16,"phases":1}"#)
        rig.send(.setLimitAmps, "12")
        rig.run(seconds: 3)
        #expect(rig.station.everest.phaseLimit == nil)
        #expect(try rig.phaseCurrents().allSatisfy { abs($0 - 12) < 0.5 })
    }

    @Test("uk_random_delay_set_max_duration_s sets the maximum")
    func setMaxDuration() throws {
        var rig = FaceRig.ukDelay()
        rig.send(.ukRandomDelaySetMaxDuration, "45")
        #expect(rig.station.everest.randomDelay.maxDurationSeconds == 45)
        rig.send(.ukRandomDelay, "disable")
        #expect(!rig.station.everest.randomDelay.isEnabled)
        rig.send(.ukRandomDelay, "enable")
        #expect(rig.station.everest.randomDelay.isEnabled)
    }
}
