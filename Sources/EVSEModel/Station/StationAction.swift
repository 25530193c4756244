import SimCore

/// Something that happens in the physical world around the station.
public enum StationAction: Hashable, Sendable {
    /// The configured EV is plugged in.
    case plug
    case unplug
    /// The EV pauses (opens S2) or resumes of its own accord.
    case evPause
    case evResume
    case setSoc(Double)
    case setTargetSoc(Double)
    /// The EV asks for ventilation (pilot D) or stops asking.
    case ventilation(Bool)
    case setAmbient(celsius: Double)
    case injectFault(StationFaultKind)
    case clearFault(StationFaultKind)
    /// The supply fails; with a duration it returns by itself.
    case powerCut(SimDuration?)
    case powerRestore
    /// The EV draws this many amps above what it is offered.
    case evOverdraw(amps: Double)
}

extension Station {
    /// Applies a physical action at ``now``.
    public mutating func apply(_ action: StationAction) {
        advanceClock(to: now)
        switch action {
        case .plug:
            guard vehicle == nil else { return }
            vehicle = Vehicle(profile: vehicleProfile)
            note("vehicle.plug", [.init("vehicle", .string(vehicleProfile.id)), .init("soc", .num(vehicle!.soc, 4))])
            pilotLineChanged()
            evaluateVehicle()
        case .unplug:
            guard vehicle != nil else { return }
            vehicle = nil
            note("vehicle.unplug")
            everest.stopReason = nil
            recomputeCurrent()
            disarm(.vehicleResponse)
            pilotLineChanged()
        case .evPause: updateVehicle { $0.paused = true }
        case .evResume: updateVehicle { $0.paused = false }
        case .setSoc(let s): updateVehicle { $0.soc = min(max(s, 0), 1) }
        case .setTargetSoc(let s):
            vehicleProfile.targetSoc = min(max(s, 0), 1)
            updateVehicle { $0.targetSoc = min(max(s, 0), 1) }
        case .ventilation(let on): updateVehicle { $0.ventilation = on }
        case .setAmbient(let c):
            ambientCelsius = c
            note("thermal.ambient", [.init("celsius", .num(c, 2))])
            updateThermal()
        case .injectFault(let f): inject(f)
        case .clearFault(let f): clear(f)
        case .powerCut(let d):
            guard powered else { return }
            cutPower()
            if let d { arm(.powerRestore, after: d) }
        case .powerRestore:
            disarm(.powerRestore)
            restorePower()
        case .evOverdraw(let a): updateVehicle { $0.overdrawAmps = max(0, a) }
        }
        afterChange()
    }

    mutating func updateVehicle(_ change: (inout Vehicle) -> Void) {
        guard var v = vehicle else { return }
        change(&v)
        vehicle = v
        note("vehicle.update", [.init("soc", .num(v.soc, 4)), .init("paused", .bool(v.paused))])
        recomputeCurrent()
        evaluateVehicle()
    }

    mutating func inject(_ f: StationFaultKind) {
        guard !faults.contains(f) else { return }
        faults.insert(f)
        note("fault.inject", [.init("fault", .string(f.rawValue))])
        switch f {
        case .gfi: if relay.closed, inNormalCycle { tripGFI() }
        case .groundLoss:
            if let closedAt = relayClosedAt { arm(.groundCheck, at: closedAt + .seconds(1)) }
        case .stuckRelay:
            relay.welded = true
        case .diode, .stateE:
            recomputeCurrent()
            pilotLineChanged()
        case .overTemperature:
            forcedCelsius = profile.panicCelsius + 1
            applyTemperature(forcedCelsius!)
        case .overCurrent:
            updateVehicle { $0.overdrawAmps = 6 }
        case .gfiSelfTest: break
        case .powerLoss:
            faults.remove(f)
            apply(.powerCut(nil))
        }
    }

    mutating func clear(_ f: StationFaultKind) {
        guard faults.remove(f) != nil else { return }
        note("fault.clear", [.init("fault", .string(f.rawValue))])
        switch f {
        case .stuckRelay:
            relay.welded = false
            if relay.closed, !relay.commandedClosed { arm(.relayMove, after: profile.relayOpenDelay) }
        case .diode, .stateE:
            recomputeCurrent()
            pilotLineChanged()
        case .overTemperature:
            forcedCelsius = nil
            updateThermal()
            applyTemperature(temperatureCelsius)
        case .overCurrent: updateVehicle { $0.overdrawAmps = 0 }
        default: break
        }
    }

    mutating func cutPower() {
        note("power.cut")
        _ = everest.errors.raise(.powerLoss, origin: Self.boardOrigin, at: now)
        powered = false
        pendingShutdown = nil
        controller.booting = false
        for t in [
            StationTimer.debounce, .gfiSelfTest, .faultRetry, .groundCheck, .heartbeat, .overCurrent,
            .faultShutdown, .boot, .reboot, .relayMove, .stuckRelayCheck, .randomDelay,
        ] {
            disarm(t)
        }
        relay.commandedClosed = false
        controller.vflags.remove(.chargingOn)
        if relay.closed, !relay.welded {
            relay.closed = false
            note("relay", [.init("closed", false)])
        }
        pilotSignal = .off
        note("pilot.signal", [.init("signal", "off"), .init("amps", .num(0, 2))])
        recomputeCurrent()
        evaluateVehicle()
    }
}
