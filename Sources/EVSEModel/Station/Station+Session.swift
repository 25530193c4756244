import SimCore

/// Derives EvseManager session events from the station (everest-core `Charger::run_state_machine()`).
extension Station {
    /// The phase the session is in now, from the model's state. `mutating` (as the other
    /// derivations the model makes at every step) only to be read in place: a non-mutating
    /// call from a mutating one copied the whole station (1.2 KB) first.
    var derivedPhase: EverestSide.Phase {
        mutating get {
            guard powered, vehicle != nil, everest.sessionActive else { return .idle }
            // stop_charging: ChargingFinished and TransactionFinished follow once the relay is open
            // (`Charger::run_state_machine()`, state StoppingCharging).
            if everest.transaction == .finished { return relay.closed ? .stopping : .finished }
            guard everest.authorized else { return .waitingForAuth }
            if controller.state == .c, relay.closed { return .charging }
            if !everest.pauseReasons.isEmpty || controller.state.isFault || pendingShutdown != nil
                || controller.sleeping || effectiveDisabled || (pilotSignal == .steadyHigh && controller.state == .b)
            {
                return .pausedEVSE
            }
            // EvseManager sees the EV pause on the pilot (C → B), not the EV's intention.
            if linePilot == .b, everest.phase == .charging || everest.phase == .pausedEV { return .pausedEV }
            return .preparing
        }
    }

    var derivedPauseReasons: Set<EverestPauseReason> {
        mutating get {
            var r = everest.pauseReasons
            if controller.state.isFault || pendingShutdown != nil { r.insert(.error) }
            if controller.sleeping || effectiveDisabled { r.insert(.userPause) }
            if r.isEmpty { r.insert(.noEnergy) }
            return r
        }
    }

    var meterSnapshot: EverestMeterSnapshot { EverestMeterSnapshot(importWh: meter.importedWh) }

    /// After a power loss EvseManager restarts: a session that was open is closed with
    /// PowerLoss, and an EV still attached starts a new one (`Charger::cleanup_transactions_on_startup()`).
    mutating func closeSessionAfterPowerLoss(reason: EverestStopReason = .powerLoss) {
        defer {
            // A fresh EvseManager knows no plug, no token and no reservation.
            everest.carPluggedIn = false
            everest.reserved = false
        }
        guard everest.phase != .idle || everest.sessionActive else { return }
        if everest.transaction != .none {
            emit(.transactionFinished(reason: reason, meter: meterSnapshot))
        }
        emit(.sessionFinished)
        endSessionFlags()
        everest.transaction = .none
        everest.phase = .idle
        everest.pauseReasons = []
    }

    mutating func emit(_ event: EverestSessionEvent) {
        note(.session(event))
        // EvseManager cancels a reservation when it signals Disabled (`evse_managerImpl::ready()`).
        if case .disabled = event, everest.reserved {
            everest.reserved = false
            note(.session(.reservationEnd))
        }
    }

    /// Emits the session events that lead from the recorded phase to the derived one.
    mutating func syncEverestSession() {
        guard powered, !controller.booting else { return }
        guard everest.enabled else {
            // Entering EvseManager's Disabled state signals Disabled once more, after the one
            // `enable_disable` sent. Up to 2026.05 the session is not torn down
            // (`Charger::enable_disable()`, `Charger::run_state_machine()`).
            if everest.phase != .disabled {
                emit(everest.table.makeEvent(enabled: false))
                everest.phase = .disabled
            }
            return
        }
        if everest.phase == .disabled { enterIdleAfterEnable() }
        // A fatal error cancels a reservation (`EvseManager::ready()`, ForceErrorShutdown).
        if everest.reserved, everest.errors.isInoperative {
            everest.reserved = false
            emit(.reservationEnd)
        }
        detectPlug()
        let target = derivedPhase
        let from = everest.phase
        let reasons = derivedPauseReasons
        if target == from {
            if target == .pausedEVSE, reasons != everest.lastPauseReasons {
                everest.lastPauseReasons = reasons
                emit(.chargingPausedEVSE(reasons: reasons))
            }
            return
        }
        if from == .waitingForAuth, everest.authorized, everest.transaction == .none, target != .idle {
            emit(.transactionStarted(meter: meterSnapshot))
            everest.transaction = .active
            // The transaction uses the reservation up, without a ReservationEnd
            // (`evse_managerImpl::ready()`, `cancel_reservation(false)`).
            everest.reserved = false
            emit(.prepareCharging)
        }
        if from == .charging, target != .charging { emit(.stoppingCharging) }
        switch target {
        case .idle:
            if [.charging, .pausedEV, .pausedEVSE, .stopping].contains(from), everest.transaction == .active {
                emit(.chargingFinished)
            }
            if everest.transaction == .active {
                emit(.transactionFinished(reason: .evDisconnected, meter: meterSnapshot))
            }
            everest.transaction = .none
            emit(.sessionFinished)
            endSessionFlags()
        case .waitingForAuth, .stopping, .disabled:
            break
        case .preparing:
            if from == .pausedEV || from == .pausedEVSE { emit(.prepareCharging) }
        case .charging:
            if from == .pausedEV || from == .pausedEVSE { emit(.prepareCharging) }
            emit(.chargingStarted)
        case .pausedEV:
            emit(.chargingPausedEV)
        case .pausedEVSE:
            everest.lastPauseReasons = reasons
            emit(.chargingPausedEVSE(reasons: reasons))
        case .finished:
            emit(.chargingFinished)
            emit(.transactionFinished(reason: everest.stopReason ?? .local, meter: meterSnapshot))
        }
        everest.phase = target
    }

    /// Enabled again: EvseManager goes from Disabled to Idle, whose entry withdraws the
    /// authorization — Deauthorized, then SessionFinished — and forgets an open transaction
    /// without a TransactionFinished (`Charger::run_state_machine()`, state Idle;
    /// `Charger::deauthorize_internal()`). A session that never got its token ends in
    /// PluginTimeout instead and waits for the unplug.
    mutating func enterIdleAfterEnable() {
        everest.phase = .idle
        if everest.sessionActive {
            emit(.deauthorized)
            if everest.authorized {
                emit(.sessionFinished)
                endSessionFlags()
            } else {
                emit(.pluginTimeout)
                everest.authorizationTimedOut = true
                everest.phase = .waitingForAuth
            }
        }
        everest.transaction = .none
        everest.pauseReasons = []
        everest.stopReason = nil
    }

    /// The IEC state machine's plug detection: CarPluggedIn starts a session in Idle; an EV
    /// that was plugged in before a disable is not reported again, so it needs a replug.
    mutating func detectPlug() {
        guard vehicle != nil else {
            everest.carPluggedIn = false
            return
        }
        guard !everest.carPluggedIn else { return }
        everest.carPluggedIn = true
        guard everest.phase == .idle, !everest.sessionActive else { return }
        // `Charger::run_state_machine()`, WaitingForAuthentication: the plug-in starts the
        // session, then AuthRequired.
        emit(.sessionStarted)
        everest.sessionActive = true
        emit(.authRequired)
        everest.phase = .waitingForAuth
        if profile.everest.authorization == .auto, !everest.reserved {
            emit(.authorized)
            everest.authorized = true
        } else {
            arm(.authTimeout, after: profile.everest.connectionTimeout)
        }
    }

    /// SessionFinished: no session, no token.
    mutating func endSessionFlags() {
        everest.sessionActive = false
        everest.authorized = false
        everest.authorizationTimedOut = false
        disarm(.authTimeout)
    }

    /// The Auth module gives up waiting (`connection_timeout`) and withdraws the authorization:
    /// EvseManager signals Deauthorized and, as no token was accepted, PluginTimeout; it stays
    /// waiting, and only a replug starts a new session (`Charger::deauthorize_internal()`).
    mutating func authorizationTimedOut() {
        guard everest.sessionActive, !everest.authorized, !everest.authorizationTimedOut else { return }
        emit(.deauthorized)
        emit(.pluginTimeout)
        everest.authorizationTimedOut = true
    }
}
