import EVSEModel
import Scenario
import SimCore

/// Starting steps, deciding pending checks, and the helpers they share.
extension LiveScenarioSchedule {

    func time(of step: ScenarioStep) -> SimInstant {
        switch step.timing {
        case .afterPrevious: lastStepEnd
        case .fromStart(let offset): .zero + offset
        case .afterPreviousBy(let offset): lastStepEnd + offset
        }
    }

    /// `until`, counted once every step is done (the fast runner's rule).
    var endTime: SimInstant {
        switch document.end {
        case .fromStart(let offset): .zero + offset
        case .afterLastStep(let offset): lastStepEnd + offset
        }
    }

    mutating func start(_ step: ScenarioStep, index: Int, now: SimInstant, station: Station) {
        outbox.append(
            .record(
                TraceRecord(
                    time: now, source: "scenario", kind: "scenario.step",
                    fields: [.init("index", .int(Int64(index))), .init("at", .string(Self.location(step)))])))
        lastStepEnd = now
        switch step.kind {
        case .action(let action):
            outbox.append(.perform(action))
        case .wait(let wait):
            pending = .wait(wait, step, started: now, deadline: now + wait.timeout)
            resolvePending(now: now, station: station)
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
                Invariant(
                    step: step, condition: invariant.condition, text: invariant.text, isNever: isNever, start: now,
                    end: invariant.duration.map { now + $0 }))
            observe(station: station)
        case .rapi(let rapi):
            outbox.append(
                .record(
                    TraceRecord(
                        time: now, source: "scenario", kind: "scenario.skip",
                        fields: [
                            .init("step", .string(rapi.line)),
                            .init("reason", "RAPI steps are not run live: the pty belongs to the client"),
                        ])))
        case .mqttPublish(let publish):
            outbox.append(.publish(topic: fullTopic(publish.topic), payload: Array(publish.payload.utf8)))
        case .expectMQTT(let expectation):
            let window = expectation.within ?? .seconds(2)
            pending = .watch(
                Watch(
                    step: step, topic: expectation.topic, filter: fullTopic(expectation.topic),
                    pattern: expectation.json, window: window, deadline: now + window))
        }
    }

    mutating func resolvePending(now: SimInstant, station: Station) {
        switch pending {
        case .wait(let wait, let step, let started, let deadline)?:
            let met = Self.evaluate(wait.condition, on: station) == true
            guard met || now >= deadline else { return }
            pending = nil
            lastStepEnd = now
            decide(
                step, label: "wait \(wait.text)", now: now, passed: met,
                detail: met
                    ? "met after \(now - started)"
                    : "not met within \(wait.timeout): \(Self.describeKeys(wait.condition, station))")
        case .watch(let watch)?:
            guard watch.matchedAt != nil || now >= watch.deadline else { return }
            pending = nil
            lastStepEnd = now
            let mismatch = watch.lastMismatch.map { ": last \($0)" } ?? ""
            decide(
                watch.step, label: "mqtt \(watch.topic)", now: now, passed: watch.matchedAt != nil,
                detail: watch.matchedAt.map { "published at \($0)" }
                    ?? "no matching publication on \(watch.filter) within \(watch.window)\(mismatch)")
        case nil:
            return
        }
    }

    mutating func closeInvariants(now: SimInstant, final: Bool) {
        var open: [Invariant] = []
        for invariant in invariants {
            guard final || (invariant.end.map { now >= $0 } ?? false) else {
                open.append(invariant)
                continue
            }
            let word = invariant.isNever ? "never" : "always"
            let window = "\(invariant.start)…\(invariant.end.map { "\($0)" } ?? "end")"
            decide(
                invariant.step, label: "\(word) \(invariant.text)",
                now: invariant.violation?.time ?? min(now, invariant.end ?? now), passed: invariant.violation == nil,
                detail: invariant.violation.map { "violated \($0.detail)" } ?? "held over \(window)")
        }
        invariants = open
    }

    mutating func decide(_ step: ScenarioStep, label: String, now: SimInstant, passed: Bool, detail: String) {
        let verdict = Verdict(
            label: step.label ?? label, location: Self.location(step), time: now, passed: passed, detail: detail)
        verdicts.append(verdict)
        outbox.append(.verdict(verdict))
    }

    // MARK: - Helpers

    func fullTopic(_ topic: String) -> String {
        topic.hasPrefix("everest_api/") ? topic : "everest_api/\(evseID)/\(topic)"
    }

    static func evaluate(_ condition: Condition, on station: Station) -> Bool? {
        try? condition.evaluate { StationConditions.value(station, $0) }
    }

    static func describeKeys(_ condition: Condition, _ station: Station) -> String {
        condition.keys.map { "\($0)=\(StationConditions.value(station, $0).map { "\($0)" } ?? "?")" }
            .joined(separator: ", ")
    }

    static func location(_ step: ScenarioStep) -> String {
        step.location?.description ?? step.path.description
    }

    /// MQTT topic filter matching with `+` and `#`.
    static func topic(_ topic: String, matches filter: String) -> Bool {
        let filterLevels = filter.split(separator: "/", omittingEmptySubsequences: false)
        let topicLevels = topic.split(separator: "/", omittingEmptySubsequences: false)
        for (i, level) in filterLevels.enumerated() {
            if level == "#" { return true }
            guard i < topicLevels.count else { return false }
            if level != "+", level != topicLevels[i] { return false }
        }
        return filterLevels.count == topicLevels.count
    }
}
