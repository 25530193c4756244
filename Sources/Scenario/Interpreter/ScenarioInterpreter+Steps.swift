import EVSEModel
import SimCore

/// Starting steps, deciding pending checks, and the helpers they share.
extension ScenarioInterpreter {
    func time(of timing: StepTiming) -> SimInstant {
        switch timing {
        case .afterPrevious: lastStepEnd
        case .fromStart(let offset): .zero + offset
        case .afterPreviousBy(let offset): lastStepEnd + offset
        }
    }

    /// When the next step is due (there must be one). Its timing is read in place: reading it
    /// through the array's subscript copied the whole step, at every look (several times a
    /// simulated second while the scenario waits for its next step).
    var nextStepTime: SimInstant {
        time(of: document.steps.withUnsafeBufferPointer { $0[nextIndex].timing })
    }

    /// `until`, counted once every step is done.
    var endTime: SimInstant {
        switch document.end {
        case .fromStart(let offset): .zero + offset
        case .afterLastStep(let offset): lastStepEnd + offset
        }
    }

    /// Whether something due at `t` may happen now: at once when `t` was already due when the
    /// previous step finished, otherwise once `t` has come and is settled.
    func isDue(_ t: SimInstant, now: SimInstant, settled: Bool) -> Bool {
        t <= lastStepEnd || now > t || (now == t && settled)
    }

    /// Whether a deadline has passed: an event at the deadline itself still counts.
    static func isPast(_ deadline: SimInstant, now: SimInstant, settled: Bool) -> Bool {
        now > deadline || (now == deadline && settled)
    }

    mutating func emit(_ effect: InterpreterEffect) { outbox.append(effect) }

    mutating func start(_ step: ScenarioStep, index: Int, now: SimInstant, station: inout Station) {
        emit(
            .record(
                TraceRecord(
                    time: now, source: "scenario", kind: "scenario.step",
                    fields: [.init("index", .int(Int64(index))), .init("at", .string(Self.location(step)))])))
        lastStepEnd = now
        if !step.kind.isOCPPExpectation { forgetOCPPCalls(before: now) }
        switch step.kind {
        case .action(let action):
            emit(.perform(action))
        case .wait(let wait):
            pending = .wait(
                wait, step, started: now, deadline: now + wait.timeout, keys: ResolvedConditionKeys(wait.condition))
            resolvePending(now: now, station: &station, settled: false)
        case .expectState(let expectations):
            for expectation in expectations {
                let actual = StationConditions.value(station, expectation.key)
                decide(
                    step,
                    label: step.label.map { "\($0): \(expectation.key)" }
                        ?? "expect \(expectation.key) \(expectation.expected)",
                    now: now, passed: actual.map { expectation.expected.matches($0) } ?? false,
                    detail:
                        "expected \(expectation.key) \(expectation.expected), found \(actual.map { "\($0)" } ?? "nothing")"
                )
            }
        case .never(let invariant), .always(let invariant):
            var isNever = false
            if case .never = step.kind { isNever = true }
            invariants.append(
                ActiveInvariant(
                    step: step, condition: invariant.condition, keys: ResolvedConditionKeys(invariant.condition),
                    text: invariant.text, isNever: isNever, start: now,
                    end: invariant.duration.map { now + $0 }))
            observe(station: &station)
        case .rapi(let rapi):
            switch rapiSteps {
            case .run:
                pending = .rapiReplies(rapi, step, seen: [])
                emit(.sendRAPI(rapi.line))
            case .skip:
                emit(.skipped(step, reason: "RAPI steps are not run live: the pty belongs to the client"))
            }
        case .mqttPublish(let publish):
            emit(.publish(topic: fullTopic(publish.topic), payload: Array(publish.payload.utf8)))
        case .expectMQTT(let expectation):
            let window = expectation.within ?? .seconds(2)
            let watch = MQTTWatch(
                topic: expectation.topic, filter: fullTopic(expectation.topic), pattern: expectation.json,
                text: expectation.payload, window: window)
            pending = .watch(watch, step, deadline: now + window)
        case .system(let request):
            startSystemRequest(request, step: step, now: now)
        case .expectSystem(let expectation):
            startSystemExpectation(expectation, step: step, now: now)
        case .ocpp(let ocpp):
            startOCPPStep(ocpp, step: step, now: now)
        case .expectOCPP(let expectation):
            startOCPPExpectation(expectation, step: step, now: now)
        }
    }

    /// The verdicts on a RAPI step's direct replies.
    mutating func judgeReplies(_ replies: [String], of rapi: RAPIStep, step: ScenarioStep, now: SimInstant) {
        let label = step.label ?? "rapi \(rapi.line)"
        if rapi.expectsNoReply {
            decide(
                step, label: label, now: now, passed: replies.isEmpty,
                detail: replies.isEmpty
                    ? "no reply, as expected" : "expected no reply, got " + replies.joined(separator: " | "))
        }
        if !rapi.expect.isEmpty {
            let ok = rapi.expect.count <= replies.count && zip(rapi.expect, replies).allSatisfy { $0.matches($1) }
            decide(
                step, label: label, now: now, passed: ok,
                detail: "expected \(rapi.expect.map(\.text).joined(separator: " | ")), got "
                    + (replies.isEmpty ? "no reply" : replies.joined(separator: " | ")))
        }
    }

    /// The station is `inout` only to be read in place (see ``next(now:station:settled:)``).
    mutating func resolvePending(now: SimInstant, station: inout Station, settled: Bool) {
        switch pending {
        case .wait(let wait, let step, let started, let deadline, let keys)?:
            let met = StationConditions.holds(on: &station, keys: keys) == true
            guard met || Self.isPast(deadline, now: now, settled: settled) else { return }
            pending = nil
            lastStepEnd = now
            decide(
                step, label: step.label ?? "wait \(wait.text)", now: now, passed: met,
                detail: met
                    ? "met after \(now - started)"
                    : "not met within \(wait.timeout): \(Self.describeKeys(wait.condition, station))")
        case .watch(let watch, let step, let deadline)?:
            guard watch.matchedAt != nil || watch.broken || Self.isPast(deadline, now: now, settled: settled)
            else { return }
            pending = nil
            lastStepEnd = now
            let mismatch = watch.lastMismatch.map { ": last \($0)" } ?? ""
            if watch.filter.hasPrefix("ocpp/") {
                decide(
                    step, label: step.label ?? watch.topic, now: now, passed: watch.matchedAt != nil,
                    detail: watch.matchedAt.map { "sent at \($0)" }
                        ?? "no matching \(watch.topic) within \(watch.window)\(mismatch)")
                return
            }
            decide(
                step, label: step.label ?? "mqtt \(watch.topic)", now: now, passed: watch.matchedAt != nil,
                detail: watch.matchedAt.map { "published at \($0)" }
                    ?? "no matching publication on \(watch.filter) within \(watch.window)\(mismatch)")
        case .rapiAsync(let rapi, let step, let seen, let deadline)?:
            // Judged once the instant is settled, so every line that instant produces is seen.
            let missing = Self.unmatched(rapi.expectAsync, in: seen)
            guard settled || now > deadline, missing == 0 || Self.isPast(deadline, now: now, settled: settled)
            else { return }
            pending = nil
            lastStepEnd = now
            decide(
                step, label: (step.label ?? "rapi \(rapi.line)") + " (async)", now: now, passed: missing == 0,
                detail: "expected \(rapi.expectAsync.map(\.text).joined(separator: " then ")), got "
                    + (seen.isEmpty ? "nothing" : seen.joined(separator: " | ")))
        case .rapiReplies?, nil:
            return
        }
    }

    /// How many of `patterns` are still unmatched by `lines`, matched in order.
    static func unmatched(_ patterns: [LinePattern], in lines: [String]) -> Int {
        var i = 0
        for line in lines where i < patterns.count && patterns[i].matches(line) { i += 1 }
        return patterns.count - i
    }

    /// Issues the verdict of every invariant whose interval is over (all of them when `final`).
    mutating func closeInvariants(now: SimInstant, settled: Bool, final: Bool) {
        func isOver(_ invariant: ActiveInvariant) -> Bool {
            final || invariant.end.map({ Self.isPast($0, now: now, settled: settled) }) == true
        }
        // Asked after every change: most of the time none is over, and rebuilding the list
        // copied every invariant.
        guard invariants.contains(where: isOver) else { return }
        var open: [ActiveInvariant] = []
        for invariant in invariants {
            guard isOver(invariant) else {
                open.append(invariant)
                continue
            }
            let word = invariant.isNever ? "never" : "always"
            let window = "\(invariant.start)…\(invariant.end.map { "\($0)" } ?? "end")"
            decide(
                invariant.step, label: invariant.step.label ?? "\(word) \(invariant.text)",
                now: invariant.violation?.time ?? min(now, invariant.end ?? now), passed: invariant.violation == nil,
                detail: invariant.violation.map { "violated \($0.detail)" } ?? "held over \(window)")
        }
        invariants = open
    }

    /// Closes every invariant and reports the end.
    mutating func close(now: SimInstant) {
        closeInvariants(now: now, settled: true, final: true)
        isFinished = true
        let failed = verdicts.count(where: { !$0.passed })
        emit(
            .record(
                TraceRecord(
                    time: now, source: "scenario", kind: "scenario.end",
                    fields: [.init("passed", .bool(failed == 0)), .init("verdicts", .int(Int64(verdicts.count)))])))
        emit(.finished(passed: verdicts.count - failed, failed: failed))
    }

    mutating func decide(_ step: ScenarioStep, label: String, now: SimInstant, passed: Bool, detail: String) {
        let verdict = Verdict(label: label, location: Self.location(step), time: now, passed: passed, detail: detail)
        verdicts.append(verdict)
        emit(.verdict(verdict))
    }

    // MARK: - Helpers

    func fullTopic(_ topic: String) -> String {
        topic.hasPrefix("everest_api/") ? topic : "everest_api/\(evseID)/\(topic)"
    }

    /// `key=value` for each key a condition reads, for failure messages.
    static func describeKeys(_ condition: Condition, _ station: Station) -> String {
        condition.keys.map { "\($0)=\(StationConditions.value(station, $0).map { "\($0)" } ?? "?")" }
            .joined(separator: ", ")
    }

    static func location(_ step: ScenarioStep) -> String {
        guard let l = step.location else { return step.path.description }
        return "\(l.file):\(l.line):\(l.column)"
    }
}
