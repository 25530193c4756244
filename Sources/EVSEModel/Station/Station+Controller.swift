import SimCore

/// The OpenEVSE controller's update cycle, driven by events (open_evse `J1772EVSEController::Update()`).
extension Station {
    /// What the controller would read on the pilot line now (nil without power).
    public var linePilot: PilotState? {
        guard powered else { return nil }
        // Only the presented state: binding the vehicle copied it (and its profile) at every read.
        guard let presented = vehicle?.presented else { return .a }
        if faults.contains(.stateE) { return .e }
        return presented
    }

    /// Whether the controller runs its normal update cycle (not booting, asleep, disabled or in a
    /// fault it only leaves on unplug).
    var inNormalCycle: Bool {
        powered && !controller.booting && !controller.bootLocked && !effectiveDisabled && !controller.sleeping
            && !controller.state.isFault && pendingShutdown == nil
    }

    /// Disabled by `$FD` or by the EVerest enable/disable table.
    public var effectiveDisabled: Bool { controller.rapiDisabled || !everest.enabled }

    /// Called whenever the pilot line may have changed: starts or cancels the debounce.
    mutating func pilotLineChanged() {
        guard powered, !controller.booting else { return }
        let sensed = linePilot
        if controller.sleeping {
            // open_evse `Update()`: asleep, plug and unplug are still tracked in the flags.
            trackConnection()
            return
        }
        if effectiveDisabled { return }
        if controller.state.isFault {
            // A fault that clears on unplug watches only for state A.
            guard sensed == .a, faultClearsOnUnplug else {
                disarm(.debounce)
                return
            }
        }
        if sensed == controller.pilot, !diodeFaultVisible {
            disarm(.debounce)
            debounceCandidate = nil
            return
        }
        if debounceCandidate != sensed || !isArmed(.debounce) {
            debounceCandidate = sensed
            arm(.debounce, after: sensed == .a ? .milliseconds(25) : .milliseconds(250))
        }
    }

    /// The EV's diode short shows only while the pilot is a PWM (the negative half is checked).
    /// `mutating` only to be read in place (see ``derivedPhase``).
    var diodeFaultVisible: Bool { mutating get { faults.contains(.diode) && vehicle != nil && pilotSignal.isPWM } }

    var faultClearsOnUnplug: Bool {
        switch controller.state {
        case .stuckRelay: false
        default: controller.state.isFault
        }
    }

    mutating func debounceExpired() {
        let sensed = linePilot
        guard sensed == debounceCandidate else {
            pilotLineChanged()
            return
        }
        debounceCandidate = nil
        if controller.state.isFault {
            // open_evse `Update()`: unplugging clears the fault; the controller restarts at 00.
            note(.faultCleared(controller.state))
            controller.vflags.remove(.hardFault)
            controller.faultRetries = 0
            setState(.unknown)
            // Updates resume: the throttle's restore checks run again (open_evse `Update()`).
            scheduleThermal()
        }
        controller.pilot = sensed
        note(.pilotSensed(sensed))
        evaluateState()
    }

    /// Decides the EVSE state from the debounced pilot (normal cycle only).
    mutating func evaluateState() {
        guard inNormalCycle, let p = controller.pilot else { return }
        if diodeFaultVisible || p == .e {
            enterFault(.diodeCheckFailed, hard: true)
            return
        }
        switch p {
        case .a: enterA()
        case .b: enterB()
        case .c: pilotSignal.isPWM ? enterC() : enterB()
        case .d:
            if settings.flags.contains(.ventRequiredDisabled) {
                pilotSignal.isPWM ? enterC() : enterB()
            } else {
                enterFault(.ventRequired, hard: true)
            }
        case .e, .f: break
        }
    }

    mutating func setState(_ s: EvseState) {
        guard s != controller.state else { return }
        note(.evseState(from: controller.state, to: s))
        if let old = everestFault(for: controller.state) { _ = everest.errors.clear(old, at: now) }
        controller.state = s
        if let new = everestFault(for: s) { _ = everest.errors.raise(new, origin: Self.boardOrigin, at: now) }
    }

    static let boardOrigin = EverestError.Origin(moduleID: "evse_board", implementationID: "board_support")

    /// The EVerest error a controller fault state raises (everest-core `errors/evse_board_support.yaml`).
    func everestFault(for state: EvseState) -> StationFaultKind? {
        switch state {
        case .gfciFault: .gfi
        case .gfiTestFailed: .gfiSelfTest
        case .noGround: .groundLoss
        case .stuckRelay: .stuckRelay
        case .diodeCheckFailed: faults.contains(.stateE) ? .stateE : .diode
        case .overTemperature: .overTemperature
        case .overCurrent: .overCurrent
        default: nil
        }
    }

    mutating func trackConnection() {
        let connected = vehicle != nil
        if connected != controller.vflags.contains(.evConnected) {
            if connected {
                startSessionIfNew()
            } else {
                endSession()
            }
        }
    }

    /// A newly connected EV starts a new session: elapsed time and energy reset (open_evse `Update()`).
    mutating func startSessionIfNew() {
        guard !controller.vflags.contains(.evConnected) else { return }
        controller.vflags.insert([.evConnected, .evConnectedPrevious])
        controller.sessionJoules = 0
        controller.sessionMeterJoules = 0
        controller.elapsedAccumulated = .zero
        controller.chargeStartedAt = nil
    }

    /// Unplug: the session's energy goes into the lifetime total (open_evse `EnergyMeter::endSession()`).
    mutating func endSession() {
        guard controller.vflags.contains(.evConnected) else { return }
        controller.vflags.remove([.evConnected, .evConnectedPrevious])
        controller.vflags.insert(.sessionEnded)
        settings.lifetimeWh += controller.sessionJoules / 3600
    }

    mutating func enterA() {
        openRelay()
        endSession()
        controller.faultRetries = 0
        setState(.a)
        refreshPilot()
    }

    mutating func enterB() {
        startSessionIfNew()
        if controller.state == .c { openRelay() }
        disarm(.gfiSelfTest)
        setState(.b)
        refreshPilot()
    }

    mutating func enterC() {
        startSessionIfNew()
        setState(.c)
        refreshPilot()
        scheduleThermal()
        guard !relay.commandedClosed, !isArmed(.gfiSelfTest) else { return }
        if profile.gfiSelfTestDuration > .zero, !settings.flags.contains(.gfiTestDisabled) {
            arm(.gfiSelfTest, after: profile.gfiSelfTestDuration)
        } else {
            closeRelay()
        }
    }

    mutating func gfiSelfTestDone() {
        guard controller.state == .c else { return }
        if faults.contains(.gfiSelfTest) {
            enterFault(.gfiTestFailed, hard: true)
        } else {
            closeRelay()
        }
    }

    // MARK: Relay

    /// Commands the relay closed. The firmware's `chargingOn()` sets CHARGING_ON and clears
    /// SESSION_ENDED with the command, not when the contacts move.
    mutating func closeRelay() {
        guard !relay.commandedClosed else { return }
        relay.commandedClosed = true
        controller.vflags.insert(.chargingOn)
        controller.vflags.remove(.sessionEnded)
        disarm(.stuckRelayCheck)
        arm(.relayMove, after: profile.relayCloseDelay)
    }

    /// Commands the relay open (and clears CHARGING_ON, as `chargingOff()` does). The EV's current
    /// stops with the contacts.
    mutating func openRelay() {
        disarm(.gfiSelfTest)
        guard relay.commandedClosed || relay.closed else { return }
        relay.commandedClosed = false
        controller.vflags.remove(.chargingOn)
        // Charge time counts while the controller has the relay closed (open_evse `chargingOn()`,
        // `Update()`), not while welded contacts happen to stay closed.
        accumulateElapsed()
        if relay.closed, relay.welded {
            disarm(.relayMove)
            let detected = controller.state == .stuckRelay
            if !detected, !settings.flags.contains(.stuckRelayCheckDisabled) {
                arm(.stuckRelayCheck, after: .seconds(1))
            }
            return
        }
        arm(.relayMove, after: profile.relayOpenDelay)
    }

    mutating func relayMoved() {
        let target = relay.commandedClosed
        guard target != relay.closed, powered else { return }
        if !target, relay.welded { return }
        relay.closed = target
        note(.relay(closed: target))
        if target {
            relayClosedAt = now
            controller.chargeStartedAt = now
            arm(.groundCheck, after: .seconds(1))
            if faults.contains(.gfi) { tripGFI() }
        } else {
            relayClosedAt = nil
            disarm(.groundCheck)
        }
        recomputeCurrent()
    }

    mutating func accumulateElapsed() {
        if let start = controller.chargeStartedAt {
            controller.elapsedAccumulated = controller.elapsedAccumulated + (now - start)
            controller.chargeStartedAt = nil
        }
    }

    /// Charge time of the present or last session (`$GS` field 2).
    public var sessionElapsed: SimDuration {
        controller.elapsedAccumulated + (controller.chargeStartedAt.map { now - $0 } ?? .zero)
    }

    // MARK: Pilot output

    /// Re-derives the pilot signal from the controller state and the offered current.
    ///
    /// - Parameter reenforce: the random-delay timer fired, so the delay must be re-evaluated
    ///   even if nothing else changed.
    mutating func refreshPilot(reenforce: Bool = false) {
        let signal: PilotSignal
        if !powered {
            signal = .off
        } else if effectiveDisabled {
            signal = .steadyLow
        } else if controller.booting || controller.bootLocked || controller.sleeping || pendingShutdown != nil {
            signal = .steadyHigh
        } else {
            enforceRandomDelay()
            switch controller.state {
            case .b, .c:
                // EvseManager starts the PWM once a token is accepted (PrepareCharging); before
                // that, and once the session has ended, the pilot stays at +12 V.
                if everest.authorized, everest.pauseReasons.isEmpty, everest.transaction != .finished,
                    let d = dutyPercent(amps: offeredAmps)
                {
                    signal = .pwm(dutyPercent: d)
                } else {
                    signal = .steadyHigh
                }
            default: signal = .steadyHigh
            }
        }
        guard signal != pilotSignal else { return }
        pilotSignal = signal
        note(.pilotSignal(signal, amps: pilotAmps))
        recomputeCurrent()
        evaluateVehicle()
        // The controller enters C only once the PWM is on (open_evse `Update()`).
        if controller.state == .b, controller.pilot == .c, signal.isPWM { evaluateState() }
        // During a blocking fault shutdown the firmware stays in C with the relay closed until
        // the wait is over (open_evse `Update()`: 5 s over-temperature, 1 s over-current).
        if controller.state == .c, !signal.isPWM, pendingShutdown == nil { enterB() }
        if diodeFaultVisible { pilotLineChanged() }
    }

    // MARK: The EV

    /// Decides what the EV presents next and schedules its response.
    mutating func evaluateVehicle() {
        guard let v = vehicle else {
            disarm(.vehicleResponse)
            return
        }
        let target = vehicleTarget(v)
        if target == v.presented {
            disarm(.vehicleResponse)
        } else if !isArmed(.vehicleResponse) {
            arm(.vehicleResponse, after: v.profile.responseDelay)
        }
    }

    func vehicleTarget(_ v: Vehicle) -> PilotState {
        let offered = pilotSignal.isPWM && pilotAmps >= 6
        guard v.wantsCharge, offered else { return .b }
        return v.ventilation ? .d : .c
    }

    mutating func vehicleResponds() {
        guard var v = vehicle else { return }
        let target = vehicleTarget(v)
        guard target != v.presented else { return }
        v.presented = target
        vehicle = v
        note(.vehiclePilot(target))
        recomputeCurrent()
        pilotLineChanged()
    }
}
