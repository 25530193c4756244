import SimCore
import Testing

@testable import EVSEModel

/// A station and helpers for driving it through virtual time.
struct Rig {
    var s: Station

    init(_ tweak: (inout StationProfile, inout VehicleProfile) -> Void = { _, _ in }, seed: UInt64 = 1) {
        var p = StationProfile()
        var v = VehicleProfile()
        v.curve = [.init(soc: 0, kW: 22)]
        tweak(&p, &v)
        s = Station(profile: p, vehicle: v, seed: seed)
        s.run(until: .zero + .seconds(1))
    }

    mutating func run(_ d: SimDuration) { s.run(until: s.now + d) }
    mutating func charge() {
        s.apply(.plug)
        run(.seconds(10))
    }
    var state: EvseState { s.controller.state }
    var sessionEvents: [EverestSessionEvent] {
        s.events.compactMap {
            if case .session(let event) = $0.event { event } else { nil }
        }
    }
    var events: [String] { sessionEvents.map(\.name) }
}

@Suite struct StationBehaviourTests {
    @Test func evPauseAndResume() {
        var r = Rig()
        r.charge()
        #expect(r.state == .c)
        r.s.apply(.evPause)
        r.run(.seconds(5))
        #expect(r.state == .b)
        #expect(!r.s.relay.closed)
        #expect(r.s.flowingAmps == 0)
        #expect(r.s.everest.phase == .pausedEV)
        r.s.apply(.evResume)
        r.run(.seconds(5))
        #expect(r.state == .c)
        #expect(r.s.everest.phase == .charging)
        #expect(r.events.suffix(3) == ["ChargingPausedEV", "PrepareCharging", "ChargingStarted"])
    }

    @Test func stopsAtTargetSoc() {
        var r = Rig { _, v in
            v.batteryKWh = 10
            v.soc = 0.78
            v.targetSoc = 0.8
        }
        r.charge()
        r.run(.hours(1))
        let soc = r.s.vehicle?.soc ?? 0
        #expect(abs(soc - 0.8) < 1e-9)
        #expect(r.state == .b)
        #expect(r.s.everest.phase == .pausedEV)
        // 0.02 × 10 kWh into the battery at 92 % efficiency.
        #expect(abs(r.s.meter.importedWh - 200 / 0.92) < 0.5)
    }

    @Test func curveBreakpointsReduceCurrent() {
        var r = Rig { _, v in
            v.batteryKWh = 10
            v.soc = 0.5
            v.targetSoc = 1
            v.curve = [.init(soc: 0, kW: 7), .init(soc: 0.52, kW: 2.4)]
        }
        r.charge()
        #expect(abs(r.s.flowingAmps - 7000.0 / 240) < 1e-9)
        r.run(.minutes(20))
        #expect(abs(r.s.flowingAmps - 2400.0 / 240) < 1e-9)
    }

    @Test func sleepAndEnable() {
        var r = Rig()
        r.charge()
        r.s.sleep()
        r.run(.seconds(3))
        #expect(r.state == .sleeping)
        #expect(r.s.pilotSignal == .steadyHigh)
        #expect(!r.s.relay.closed)
        r.s.enable()
        #expect(r.state == .unknown)
        r.run(.seconds(5))
        #expect(r.state == .c)
    }

    @Test func disableDrivesMinus12() {
        var r = Rig()
        r.charge()
        r.s.disable()
        r.run(.seconds(1))
        #expect(r.state == .disabled)
        #expect(r.s.pilotSignal == .steadyLow)
        #expect(!r.s.relay.closed)
    }

    @Test func gfiRetriesThenHardFault() {
        var r = Rig()
        r.charge()
        r.s.apply(.injectFault(.gfi))
        #expect(r.state == .gfciFault)
        #expect(!r.s.controller.vflags.contains(.hardFault))
        for retry in 1...6 {
            r.run(.minutes(5))
            r.run(.seconds(10))
            #expect(r.s.controller.faultRetries == retry)
            #expect(r.state == .gfciFault, "retry \(retry) trips again")
        }
        #expect(r.s.controller.vflags.contains(.hardFault))
        #expect(r.s.settings.gfiTrips == 7)
        r.run(.minutes(30))
        #expect(r.state == .gfciFault)
        r.s.apply(.unplug)
        r.run(.seconds(1))
        #expect(r.state == .a)
        #expect(!r.s.controller.vflags.contains(.hardFault))
    }

    @Test func gfiClearedBeforeRetryChargesAgain() {
        var r = Rig()
        r.charge()
        r.s.apply(.injectFault(.gfi))
        r.s.apply(.clearFault(.gfi))
        r.run(.minutes(5) + .seconds(10))
        #expect(r.state == .c)
    }

    @Test func groundLossOneSecondAfterClosing() {
        var r = Rig()
        r.s.apply(.injectFault(.groundLoss))
        r.charge()
        #expect(r.state == .noGround)
        #expect(r.s.settings.noGroundTrips == 1)
    }

    @Test func stuckRelayNeverClearsByItself() {
        var r = Rig()
        r.charge()
        r.s.apply(.injectFault(.stuckRelay))
        r.s.apply(.evPause)
        r.run(.seconds(5))
        #expect(r.state == .stuckRelay)
        #expect(r.s.relay.closed)
        r.s.apply(.unplug)
        r.run(.minutes(10))
        #expect(r.state == .stuckRelay)
        #expect(r.s.settings.stuckRelayTrips == 1)
    }

    @Test func diodeFaultIsHardUntilUnplug() {
        var r = Rig()
        r.s.apply(.injectFault(.diode))
        r.charge()
        #expect(r.state == .diodeCheckFailed)
        r.s.apply(.unplug)
        r.run(.seconds(1))
        #expect(r.state == .a)
    }

    @Test func ventilationRequiredFaults() {
        var r = Rig { _, v in v.requiresVentilation = true }
        r.charge()
        #expect(r.state == .ventRequired)
        #expect(r.s.controller.vflags.contains(.hardFault))
    }

    @Test func ventilationAllowedWhenCheckDisabled() {
        var r = Rig { _, v in v.requiresVentilation = true }
        r.s.setFlag(.ventRequiredDisabled, disabled: true)
        r.charge()
        #expect(r.state == .c)
        #expect(r.s.linePilot == .d)
    }

    @Test func overTemperatureThrottlesThenPanics() {
        var r = Rig()
        r.charge()
        r.s.apply(.setAmbient(celsius: 66))
        r.run(.hours(1))
        #expect(r.s.controller.throttleStage >= 1)
        r.s.apply(.setAmbient(celsius: 90))
        r.run(.hours(1))
        #expect(r.state == .overTemperature)
        #expect(r.s.controller.vflags.contains(.hardFault))
    }

    @Test func throttleHalvesThenRestores() {
        var r = Rig()
        r.charge()
        // 32 A heats the enclosure by 12.3 °C: from 60 °C ambient it passes 65 °C and halves the
        // current; at 16 A it settles near 63 °C, between the restore and shutdown thresholds.
        r.s.apply(.setAmbient(celsius: 60))
        r.run(.hours(1))
        #expect(r.s.controller.throttleStage == 1)
        #expect(r.s.controller.capacityAmps == 16)
        r.s.apply(.setAmbient(celsius: 20))
        r.run(.hours(1))
        #expect(r.s.controller.throttleStage == 0)
        #expect(r.s.controller.capacityAmps == 32)
    }

    @Test func heartbeatFallbackAndAcknowledge() {
        var r = Rig()
        r.charge()
        let set = r.s.setHeartbeat(interval: 5, current: 8)
        #expect(set)
        r.run(.seconds(4))
        let pulse = r.s.heartbeatPulse()
        #expect(pulse)
        r.run(.seconds(4))
        #expect(r.s.controller.capacityAmps == 32)
        r.run(.seconds(2))
        #expect(r.s.controller.capacityAmps == 8)
        #expect(r.s.controller.heartbeatTrigger == 2)
        let missedPulse = r.s.heartbeatPulse()
        #expect(!missedPulse)
        let ack = r.s.heartbeatAcknowledge()
        #expect(ack)
        #expect(r.s.controller.capacityAmps == 32)
        #expect(r.s.controller.heartbeatTrigger == 1)
    }

    @Test func heartbeatZeroFallbackMeansSixAmps() {
        var r = Rig()
        r.charge()
        _ = r.s.setHeartbeat(interval: 2, current: 0)
        r.run(.seconds(3))
        #expect(r.s.controller.capacityAmps == 6)
    }

    @Test func powerCutAndRestartWithEVAttached() {
        var r = Rig()
        r.charge()
        let before = r.s.meter.importedWh
        r.s.apply(.powerCut(for: .seconds(30)))
        #expect(!r.s.powered)
        #expect(r.s.flowingAmps == 0)
        r.run(.seconds(20))
        #expect(r.s.meter.importedWh == before)
        r.run(.seconds(20))
        #expect(r.s.powered)
        r.run(.seconds(10))
        #expect(r.state == .c)
        #expect(r.events.contains("TransactionFinished"))
    }

    @Test func rebootKeepsSettingsAndLosesVolatileCurrent() {
        var r = Rig()
        r.s.setCurrentCapacity(20, mode: .persistent)
        r.s.setCurrentCapacity(10, mode: .volatile)
        #expect(r.s.controller.capacityAmps == 10)
        r.s.reboot()
        r.run(.seconds(10))
        #expect(r.s.controller.capacityAmps == 20)
        #expect(r.state == .a)
    }

    @Test(arguments: [
        (5, Station.CapacityMode.persistent, false, 6), (100, .persistent, false, 80), (16, .persistent, true, 16),
        (40, .volatile, false, 32), (16, .volatile, true, 16),
    ])
    func setCurrentClamps(amps: Int, mode: Station.CapacityMode, accepted: Bool, result: Int) {
        var r = Rig()
        let out = r.s.setCurrentCapacity(amps, mode: mode)
        #expect(out.accepted == accepted)
        #expect(out.amps == result)
    }

    @Test func hardwareMaxIsWriteOnce() {
        var r = Rig()
        let first = r.s.setCurrentCapacity(40, mode: .hardwareMax)
        let second = r.s.setCurrentCapacity(50, mode: .hardwareMax)
        let above = r.s.setCurrentCapacity(60, mode: .persistent)
        #expect(first == (true, 40))
        #expect(second == (false, 40))
        #expect(above == (false, 40))
    }

    @Test func overCurrentFaultsOnEUProfile() {
        var r = Rig { p, _ in p.overCurrentCheck = true }
        r.charge()
        r.s.apply(.injectFault(.overCurrent))
        r.run(.seconds(20))
        #expect(r.state == .overCurrent)
    }

    @Test func externalLimitBelowSixPausesAsNoEnergy() {
        var r = Rig()
        r.charge()
        r.s.setExternalLimit(amps: 0)
        r.run(.seconds(5))
        #expect(r.s.everest.phase == .pausedEVSE)
        #expect(r.sessionEvents.last == .chargingPausedEVSE(reasons: [.noEnergy]))
        r.s.setExternalLimit(amps: 10)
        r.run(.seconds(10))
        #expect(r.state == .c)
        #expect(abs(r.s.flowingAmps - 9.975) < 1e-9)
    }

    @Test func stopChargingFinishesTransaction() {
        var r = Rig()
        r.charge()
        r.s.stopTransaction()
        r.run(.seconds(5))
        #expect(r.s.everest.phase == .finished)
        #expect(r.events.last == "TransactionFinished")
        if case .transactionFinished(let reason, _)? = r.sessionEvents.last {
            #expect(reason == .local)
        } else {
            Issue.record("expected TransactionFinished")
        }
        r.s.apply(.unplug)
        r.run(.seconds(1))
        #expect(r.events.last == "SessionFinished")
    }
}

@Suite struct EverestSideTests {
    static func ukRig(seed: UInt64 = 7) -> Rig {
        Rig({ p, _ in p.ukRandomDelay.enabled = true }, seed: seed)
    }

    @Test func limitChangeStartsRandomDelayHoldingTheOldLimit() {
        var r = Self.ukRig()
        r.charge()
        #expect(abs(r.s.flowingAmps - 31.92) < 1e-9)
        r.s.setExternalLimit(amps: 10)
        let remaining = r.s.randomDelayRemainingSeconds
        #expect(remaining > 0 && remaining < 600)
        r.run(.seconds(5))
        #expect(abs(r.s.flowingAmps - 31.92) < 1e-9, "old limit held during the delay")
        r.run(.seconds(remaining + 2))
        #expect(abs(r.s.flowingAmps - 9.975) < 1e-9, "new limit after the delay")
        #expect(r.s.randomDelayRemainingSeconds == 0)
    }

    @Test func cancelEndsTheDelayNow() {
        var r = Self.ukRig()
        r.charge()
        r.s.setExternalLimit(amps: 10)
        #expect(r.s.randomDelayRemainingSeconds > 0)
        r.s.ukRandomDelay(.cancel)
        r.run(.seconds(3))
        #expect(abs(r.s.flowingAmps - 9.975) < 1e-9)
    }

    @Test func delayLengthIsReproducibleBySeed() {
        func length(_ seed: UInt64) -> Int64 {
            var r = Self.ukRig(seed: seed)
            r.charge()
            r.s.setExternalLimit(amps: 10)
            return r.s.randomDelayRemainingSeconds
        }
        #expect(length(3) == length(3))
        #expect(Set((1...6).map { length($0) }).count > 1)
    }

    @Test func powerCutWithEVAttachedHoldsZeroAfterRestart() {
        var r = Self.ukRig()
        r.charge()
        r.s.apply(.powerCut(for: .seconds(30)))
        r.run(.seconds(30) + r.s.profile.bootDuration + .seconds(2))
        #expect(r.s.powered)
        #expect(r.s.randomDelayRemainingSeconds > 0, "restart with an EV attached starts a delay")
        #expect(r.s.offeredAmps == 0)
        #expect(r.s.flowingAmps == 0)
    }

    @Test func priorityTableLowestNumberWins() {
        var r = Rig()
        r.charge()
        #expect(r.s.enableDisable(.init(source: .csms, state: .disable, priority: 5000)) == false)
        r.run(.seconds(1))
        #expect(r.state == .disabled)
        #expect(r.s.pilotSignal == .steadyLow)
        #expect(r.s.enableDisable(.init(source: .localAPI, state: .enable, priority: 100)) == true)
        r.run(.seconds(10))
        #expect(r.state == .b, "the session ended with the enable: the EV waits for a replug")
        r.s.apply(.unplug)
        r.run(.seconds(1))
        r.charge()
        #expect(r.state == .c)
        #expect(r.s.enableDisable(.init(source: .localAPI, state: .unassigned, priority: 100)) == false)
        #expect(r.events.contains("Disabled"))
    }

    @Test func faultRaisesEverestErrorAndInoperative() {
        var r = Rig()
        r.charge()
        r.s.apply(.injectFault(.gfi))
        #expect(r.s.everest.errors.isInoperative)
        #expect(r.s.everest.errors.isActive(.groundFailure))
        r.s.apply(.clearFault(.gfi))
        r.run(.minutes(6))
        #expect(!r.s.everest.errors.isInoperative)
    }
}

@Suite struct ConnectorLevelEnableTests {
    @Test func connectorLevelDisableSurvivesAConnectorZeroEnable() {
        var r = Rig()
        r.charge()
        #expect(r.s.enableDisable(.init(source: .localAPI, state: .disable, priority: 100), connectorID: 1) == false)
        #expect(r.s.enableDisable(.init(source: .localAPI, state: .enable, priority: 100), connectorID: 0) == false)
        r.run(.seconds(1))
        #expect(r.state == .disabled)
        #expect(r.s.enableDisable(.init(source: .localAPI, state: .enable, priority: 100), connectorID: 1) == true)
        r.run(.seconds(10))
        #expect(r.state == .b)
        #expect(r.s.everest.phase == .idle)
    }
}
