import SimCore

/// Derives EvseManager session events from the station (everest-core `Charger::run_state_machine()`).
extension Station {
    /// The phase the session is in now, from the model's state.
    var derivedPhase: EverestSide.Phase {
        guard powered, vehicle != nil else { return .idle }
        // stop_charging: ChargingFinished and TransactionFinished follow once the relay is open
        // (`Charger::run_state_machine()`, state StoppingCharging).
        if everest.transaction == .finished { return relay.closed ? .stopping : .finished }
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

    var derivedPauseReasons: Set<EverestPauseReason> {
        var r = everest.pauseReasons
        if controller.state.isFault || pendingShutdown != nil { r.insert(.error) }
        if controller.sleeping || effectiveDisabled { r.insert(.userPause) }
        if r.isEmpty { r.insert(.noEnergy) }
        return r
    }

    var meterSnapshot: EverestMeterSnapshot { EverestMeterSnapshot(importWh: meter.importedWh) }

    /// After a power loss EvseManager restarts: a session that was open is closed with
    /// PowerLoss, and an EV still attached starts a new one (`Charger::cleanup_transactions_on_startup()`).
    mutating func closeSessionAfterPowerLoss(reason: EverestStopReason = .powerLoss) {
        guard everest.phase != .idle else { return }
        if everest.transaction != .none {
            emit(.transactionFinished(reason: reason, meter: meterSnapshot))
        }
        emit(.sessionFinished)
        everest.transaction = .none
        everest.phase = .idle
        everest.pauseReasons = []
    }

    mutating func emit(_ event: EverestSessionEvent) {
        note(.session(event))
    }

    /// Emits the session events that lead from the recorded phase to the derived one.
    mutating func syncEverestSession() {
        // While disabled EvseManager reports Disabled and emits nothing else (up to 2026.05 the
        // session is not torn down, `Charger::enable_disable()`); the phase catches up once enabled.
        guard powered, !controller.booting else { return }
        guard everest.enabled else {
            everest.phase = .disabled
            return
        }
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
        if from == .idle || (from == .disabled && everest.transaction == .none && target != .idle) {
            emit(.sessionStarted)
            emit(.authRequired)
            emit(.authorized)
            emit(.transactionStarted(meter: meterSnapshot))
            everest.transaction = .active
            emit(.prepareCharging)
        }
        if from == .charging, target != .charging { emit(.stoppingCharging) }
        switch target {
        case .idle:
            if [.charging, .pausedEV, .pausedEVSE, .stopping, .disabled].contains(from), everest.transaction == .active
            {
                emit(.chargingFinished)
            }
            if everest.transaction == .active {
                emit(.transactionFinished(reason: powered ? .evDisconnected : .powerLoss, meter: meterSnapshot))
            }
            everest.transaction = .none
            emit(.sessionFinished)
        case .preparing:
            if from == .pausedEV || from == .pausedEVSE || from == .disabled { emit(.prepareCharging) }
        case .charging:
            if from == .pausedEV || from == .pausedEVSE || from == .disabled { emit(.prepareCharging) }
            emit(.chargingStarted)
        case .stopping, .disabled:
            break
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
}
