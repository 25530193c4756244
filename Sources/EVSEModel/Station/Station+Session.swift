import SimCore

/// Derives EvseManager session events from the station (reference/everest.md §1.8).
extension Station {
    /// The phase the session is in now, from the model's state.
    var derivedPhase: EverestSide.Phase {
        guard powered, let v = vehicle else { return .idle }
        if everest.transaction == .finished { return .finished }
        if controller.state == .c, relay.closed { return .charging }
        if !everest.pauseReasons.isEmpty || controller.state.isFault || pendingShutdown != nil
            || controller.sleeping || effectiveDisabled || (pilotSignal == .steadyHigh && controller.state == .b)
        {
            return .pausedEVSE
        }
        if !v.wantsCharge, everest.phase == .charging || everest.phase == .pausedEV { return .pausedEV }
        return .preparing
    }

    var derivedPauseReasons: [EverestSide.PauseReason] {
        var r = Set(everest.pauseReasons)
        if controller.state.isFault || pendingShutdown != nil { r.insert(.error) }
        if controller.sleeping || effectiveDisabled { r.insert(.userPause) }
        if r.isEmpty { r.insert(.noEnergy) }
        return r.sorted()
    }

    mutating func emit(_ event: String, _ detail: String? = nil) {
        everest.sessionEvents.append(SessionEventRecord(time: now, event: event, detail: detail))
        var fields: [TraceRecord.Field] = [.init("event", .string(event))]
        if let detail { fields.append(.init("detail", .string(detail))) }
        note("session.event", fields)
    }

    /// Emits the session events that lead from the recorded phase to the derived one.
    mutating func syncEverestSession() {
        let target = derivedPhase
        let from = everest.phase
        let reasons = derivedPauseReasons.map(\.rawValue).joined(separator: ",")
        if target == from {
            if target == .pausedEVSE, reasons != everest.lastPauseDetail {
                everest.lastPauseDetail = reasons
                emit("ChargingPausedEVSE", reasons)
            }
            return
        }
        if from == .idle {
            emit("SessionStarted", "EVConnected")
            emit("AuthRequired")
            emit("Authorized")
            emit("TransactionStarted")
            everest.transaction = .active
            emit("PrepareCharging")
        }
        if from == .charging, target != .charging { emit("StoppingCharging") }
        switch target {
        case .idle:
            if from == .charging || from == .pausedEV || from == .pausedEVSE { emit("ChargingFinished") }
            if everest.transaction == .active {
                emit("TransactionFinished", powered ? "EVDisconnected" : "PowerLoss")
            }
            everest.transaction = .none
            emit("SessionFinished")
        case .preparing:
            if from == .pausedEV || from == .pausedEVSE { emit("PrepareCharging") }
        case .charging:
            if from == .pausedEV || from == .pausedEVSE { emit("PrepareCharging") }
            emit("ChargingStarted")
        case .pausedEV:
            emit("ChargingPausedEV")
        case .pausedEVSE:
            everest.lastPauseDetail = reasons
            emit("ChargingPausedEVSE", reasons)
        case .finished:
            emit("ChargingFinished")
            emit("TransactionFinished", everest.stopReason ?? "Local")
        }
        everest.phase = target
    }
}
