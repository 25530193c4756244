import SimCore
import Testing

@testable import EVSEModel

/// Random sequences of actions and commands; invariants checked after every single event.
@Suite struct PhysicsPropertyTests {
    static let actions: [@Sendable (inout Station, inout RandomStream) -> Void] = [
        { s, _ in s.apply(.plug) }, { s, _ in s.apply(.unplug) }, { s, _ in s.apply(.evPause) },
        { s, _ in s.apply(.evResume) }, { s, r in s.apply(.setTargetSoc(0.5 + r.nextUnit() / 2)) },
        { s, r in s.apply(.setAmbient(celsius: 10 + r.nextUnit() * 70)) },
        { s, r in s.apply(.injectFault(StationFaultKind.allCases[Int(r.next() % 9)])) },
        { s, r in s.apply(.clearFault(StationFaultKind.allCases[Int(r.next() % 9)])) },
        { s, r in s.apply(.powerCut(for: .seconds(Int64(r.next() % 60)))) }, { s, _ in s.sleep() },
        { s, _ in s.enable() },
        { s, _ in s.disable() }, { s, r in s.setCurrentCapacity(Int(r.next() % 90), mode: .volatile) },
        { s, r in s.setExternalLimit(amps: r.nextUnit() < 0.3 ? nil : r.nextUnit() * 40) },
        { s, _ in s.pauseCharging() }, { s, _ in s.resumeCharging() }, { s, _ in s.reboot() },
        { s, r in _ = s.setHeartbeat(interval: Int(r.next() % 10), current: Int(r.next() % 20)) },
        { s, _ in _ = s.heartbeatPulse() }, { s, _ in s.apply(.ventilation(on: true)) },
        { s, _ in s.apply(.ventilation(on: false)) },
    ]

    static func checkInvariants(_ s: Station, lastEnergy: inout Double, _ context: String) {
        #expect(s.meter.importedWh >= lastEnergy, "energy never decreases (\(context))")
        lastEnergy = s.meter.importedWh
        if let v = s.vehicle {
            #expect(v.soc >= 0 && v.soc <= 1, "SoC within 0…1 (\(context))")
            let allowed = s.pilotAmps + v.profile.overdrawToleranceAmps + v.overdrawAmps + 1e-9
            #expect(s.flowingAmps <= allowed, "drawn ≤ offered + tolerance (\(context))")
        }
        if s.relay.commandedClosed {
            #expect(s.controller.state == .c, "relay commanded closed only in C (\(context))")
        }
        if s.relay.closed {
            #expect(
                s.relay.commandedClosed || s.relay.welded || s.isArmed(.relayMove),
                "relay closed only in C (\(context))")
        }
        if s.flowingAmps > 0 {
            #expect(s.pilotSignal.isPWM, "no current without PWM (\(context))")
            #expect(s.linePilot == .c || s.linePilot == .d, "current only in C/D (\(context))")
        }
    }

    @Test(arguments: 0..<40)
    func invariantsHoldUnderRandomActions(seed: Int) {
        var rng = RandomStream(seed: UInt64(seed), name: "property")
        var v = VehicleProfile()
        v.batteryKWh = 5 + rng.nextUnit() * 60
        v.phases = rng.next() % 2 == 0 ? 1 : 3
        v.curve = [.init(soc: 0, kW: 11), .init(soc: 0.6, kW: 6), .init(soc: 0.9, kW: 2)]
        var p = StationProfile()
        p.phases = v.phases
        p.overCurrentCheck = seed % 2 == 0
        var s = Station(profile: p, vehicle: v, seed: UInt64(seed))
        var energy = 0.0
        var t = SimInstant.zero
        for i in 0..<60 {
            t = t + .seconds(Int64(rng.next() % 1800))
            while s.step(notAfter: t) != nil {
                Self.checkInvariants(s, lastEnergy: &energy, "seed \(seed) action \(i)")
            }
            s.run(until: t)
            Self.actions[Int(rng.next() % UInt64(Self.actions.count))](&s, &rng)
            Self.checkInvariants(s, lastEnergy: &energy, "seed \(seed) after action \(i)")
        }
    }

    @Test func sameSeedGivesIdenticalRecords() {
        func run(seed: UInt64) -> [TimedStationEvent] {
            var rng = RandomStream(seed: 99, name: "actions")
            var s = Station(profile: StationProfile(), vehicle: VehicleProfile(), seed: seed)
            var out: [TimedStationEvent] = []
            for _ in 0..<40 {
                s.run(until: s.now + .seconds(Int64(rng.next() % 600)))
                Self.actions[Int(rng.next() % UInt64(Self.actions.count))](&s, &rng)
                _ = s.meterReading()
                out += s.drainEvents()
            }
            return out
        }
        #expect(run(seed: 5) == run(seed: 5))
    }

    @Test func seedChangesOnlyTheNoise() {
        var a = Station(profile: StationProfile(), vehicle: VehicleProfile(), seed: 1)
        var b = Station(profile: StationProfile(), vehicle: VehicleProfile(), seed: 2)
        for s in [0, 1] {
            var st = s == 0 ? a : b
            st.apply(.plug)
            st.run(until: .zero + .minutes(10))
            if s == 0 { a = st } else { b = st }
        }
        #expect(a.meter.importedWh == b.meter.importedWh)
        let ra = a.meterReading()
        let rb = b.meterReading()
        #expect(ra.voltage != rb.voltage)
        #expect(abs(ra.voltage[0] - rb.voltage[0]) < 240 * 0.005)
    }

    @Test func meterTotalsDrawTheSameNoiseAsAReading() {
        var a = Station(profile: StationProfile(), vehicle: VehicleProfile(), seed: 7)
        a.apply(.plug)
        a.run(until: .zero + .minutes(5))
        var b = a
        for _ in 0..<3 {
            let reading = a.meterReading()
            let totals = b.meterTotals()
            #expect(totals.totalPower > 0)
            #expect(totals.totalPower == reading.totalPower)
            #expect(totals.importedWh == reading.importedWh)
        }
        #expect(a.meterReading() == b.meterReading(), "the noise streams stay in step")
    }
}
