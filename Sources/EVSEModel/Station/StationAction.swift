import SimCore

/// Something done to the station without a protocol face: the physical world around it (the EV,
/// the supply, the weather, faults) and the station-side operations a scenario uses to set a
/// situation up without caring which face a real client would use (`$SC`, `set_limit_amps`, …).
///
/// A scenario's `do` step is one of these (or a serial-line fault, which belongs to the RAPI face).
public enum StationAction: Hashable, Sendable {
    /// The EV's cable is plugged in.
    case plug
    /// The EV's cable is pulled out.
    case unplug
    /// The EV stops drawing (state C → B) on its own.
    case evPause
    /// The EV asks for energy again (B → C).
    case evResume
    /// Sets the battery's state of charge, 0…1.
    case setSoc(Double)
    /// Sets the SoC at which the EV stops charging, 0…1.
    case setTargetSoc(Double)
    /// The EV requests (or stops requesting) ventilation: pilot state D.
    case ventilation(on: Bool)
    /// Sets the ambient temperature in °C.
    case setAmbient(celsius: Double)
    /// Injects a fault.
    case injectFault(StationFaultKind)
    /// Clears a fault injected before.
    case clearFault(StationFaultKind)
    /// Cuts the station's supply; `nil` keeps it off until ``powerRestore``.
    case powerCut(for: SimDuration?)
    /// Restores the supply after ``powerCut(for:)``.
    case powerRestore
    /// The EV draws more than offered, by this many amperes.
    case evOverdraw(amps: Double)
    /// Sets the configured capacity, like RAPI `$SC`.
    case setCurrent(amps: Int, mode: Station.CapacityMode)
    /// Enables the station, like RAPI `$FE`.
    case enable
    /// Disables the station, like RAPI `$FD`.
    case disable
    /// Puts the station to sleep, like RAPI `$FS`.
    case sleep
    /// Sets up heartbeat supervision, like RAPI `$SY interval current`.
    case heartbeat(intervalSeconds: Int, fallbackAmps: Int)
    /// One heartbeat pulse, like a bare RAPI `$SY`.
    case heartbeatPulse
    /// Sets the external limit, like EVerest `set_limit_amps`/`_watts`/`_amps_phases`.
    case setLimit(ExternalLimit)
    /// Adds an entry to the enable/disable priority table, like EVerest `enable_disable`.
    case enableDisable(source: EnableDisableSource, state: EnableState, priority: Int)
    /// EVSE-initiated pause, like EVerest `pause_charging`.
    case pauseCharging
    /// Ends an EVSE-initiated pause.
    case resumeCharging
    /// Ends the session, like EVerest `stop_charging`.
    case stopCharging
    /// Presents the token a session waiting in AuthRequired needs (a card swipe, a remote start).
    case authorize
    /// Reserves the EVSE (OCPP ReserveNow).
    case reserve
    /// Ends the reservation (OCPP CancelReservation, or its expiry).
    case cancelReservation
    /// Controls the UK random delay, like EVerest `uk_random_delay`.
    case ukRandomDelay(UKRandomDelayCommand)
    /// Sets the UK random delay's maximum, in seconds.
    case ukRandomDelayMax(seconds: Int)
    /// Sets the OCPP connection state the station reports.
    case ocppStatus(OCPPStatus)
    /// Arms (`active`) or clears a failure of the station's system (firmware update, log upload).
    case systemFault(SystemFault, active: Bool)
}

/// An external limit on the offered power.
public enum ExternalLimit: Hashable, Sendable {
    /// Amperes per phase.
    case amps(Double)
    /// Total watts.
    case watts(Double)
    /// Amperes per phase with a phase count (1 or 3).
    case ampsOnPhases(Double, phases: Int)
}

extension Station {
    /// Applies an action at ``now``.
    public mutating func apply(_ action: StationAction) {
        switch action {
        case .setCurrent(let amps, let mode): setCurrentCapacity(amps, mode: mode)
        case .enable: enable()
        case .disable: disable()
        case .sleep: sleep()
        case .heartbeat(let interval, let current): _ = setHeartbeat(interval: interval, current: current)
        case .heartbeatPulse: _ = heartbeatPulse()
        case .setLimit(.amps(let a)): setExternalLimit(amps: a)
        case .setLimit(.watts(let w)): setExternalLimit(amps: nil, watts: w)
        case .setLimit(.ampsOnPhases(let a, let p)): setExternalLimit(amps: a, phases: p)
        case .enableDisable(let source, let state, let priority):
            enableDisable(EnableDisableRow(source: source, state: state, priority: priority))
        case .pauseCharging: pauseCharging()
        case .resumeCharging: resumeCharging()
        case .stopCharging: stopTransaction()
        case .authorize: authorize()
        case .reserve: reserve()
        case .cancelReservation: cancelReservation()
        case .ukRandomDelay(let c): ukRandomDelay(c)
        case .ukRandomDelayMax(let s): setRandomDelayMax(seconds: s)
        case .ocppStatus(let s): setOCPPStatus(s)
        case .systemFault(let fault, let active): setSystemFault(fault, active: active)
        case .plug, .unplug, .evPause, .evResume, .setSoc, .setTargetSoc, .ventilation, .setAmbient, .injectFault,
            .clearFault, .powerCut, .powerRestore, .evOverdraw:
            applyPhysical(action)
        }
    }

    /// The physical world's part of ``apply(_:)``.
    private mutating func applyPhysical(_ action: StationAction) {
        advanceClock(to: now)
        switch action {
        case .plug:
            guard vehicle == nil else { return }
            vehicle = Vehicle(profile: vehicleProfile)
            note(.vehiclePlugged(profile: vehicleProfile.id, soc: vehicle!.soc))
            pilotLineChanged()
            evaluateVehicle()
        case .unplug:
            guard vehicle != nil else { return }
            vehicle = nil
            note(.vehicleUnplugged)
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
            note(.ambient(celsius: c))
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
        case .setCurrent, .enable, .disable, .sleep, .heartbeat, .heartbeatPulse, .setLimit, .enableDisable,
            .pauseCharging, .resumeCharging, .stopCharging, .authorize, .reserve, .cancelReservation, .ukRandomDelay,
            .ukRandomDelayMax, .ocppStatus, .systemFault:
            return
        }
        afterChange()
    }

    mutating func updateVehicle(_ change: (inout Vehicle) -> Void) {
        guard var v = vehicle else { return }
        change(&v)
        vehicle = v
        note(.vehicleUpdated(soc: v.soc, paused: v.paused))
        recomputeCurrent()
        evaluateVehicle()
    }

    mutating func inject(_ f: StationFaultKind) {
        guard !faults.contains(f) else { return }
        faults.insert(f)
        note(.faultInjected(f))
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
            apply(.powerCut(for: nil))
        }
    }

    mutating func clear(_ f: StationFaultKind) {
        guard faults.remove(f) != nil else { return }
        note(.faultRemoved(f))
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
            applyTemperature(controllingCelsius)
        case .overCurrent: updateVehicle { $0.overdrawAmps = 0 }
        default: break
        }
    }

    mutating func cutPower() {
        note(.powerCut)
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
            note(.relay(closed: false))
        }
        pilotSignal = .off
        note(.pilotSignal(.off, amps: 0))
        recomputeCurrent()
        evaluateVehicle()
    }
}
