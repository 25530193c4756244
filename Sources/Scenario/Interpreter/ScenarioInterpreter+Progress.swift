import SimCore

extension ScenarioInterpreter {
    /// The latest instant the scenario can end at, given where it is now: every step still to
    /// come takes the longest it may (a `wait` its timeout, an MQTT expectation its window, a
    /// RAPI step's expected `$AT` lines 5 s). Exact once every step is done; a progress display
    /// shows it as the end, so a week-long run reads `t+34h of t+7d`.
    public func plannedEnd(now: SimInstant) -> SimInstant {
        if isFinished { return now }
        var t = lastStepEnd
        switch pending {
        case .wait(_, _, _, let deadline, _)?, .watch(_, _, let deadline)?, .rapiAsync(_, _, _, let deadline)?:
            t = deadline
        case .rapiReplies(let rapi, _, _)?:
            t = now + (rapi.expectAsync.isEmpty ? .zero : .seconds(5))
        case nil:
            break
        }
        for step in document.steps[nextIndex...] {
            switch step.timing {
            case .afterPrevious: break
            case .fromStart(let offset): t = max(t, .zero + offset)
            case .afterPreviousBy(let offset): t = t + offset
            }
            t = t + Self.longest(step)
        }
        let end: SimInstant =
            switch document.end {
            case .fromStart(let offset): max(t, .zero + offset)
            case .afterLastStep(let offset): t + offset
            }
        return max(end, now)
    }

    /// How long a step can hold the following steps back at most.
    static func longest(_ step: ScenarioStep) -> SimDuration {
        switch step.kind {
        case .wait(let wait): wait.timeout
        case .expectMQTT(let expectation): expectation.within ?? .seconds(2)
        case .expectSystem(let expectation): expectation.within ?? .seconds(2)
        case .system, .ocpp: .zero
        case .expectOCPP(let expectation): expectation.within ?? .seconds(2)
        case .rapi(let rapi): rapi.expectAsync.isEmpty ? .zero : .seconds(5)
        case .action, .expectState, .never, .always, .mqttPublish: .zero
        }
    }
}
