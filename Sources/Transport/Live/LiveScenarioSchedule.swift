public import EVSEModel
public import EverestAPI
public import Scenario
public import SimCore

/// A scenario played in the background of a live session: its actions happen at their times
/// while real clients talk to the station, and its checks are evaluated and reported.
///
/// Timing follows the fast runner: `"at": "30s"` is 30 s after the session started, `"+1m"` a
/// minute after the previous step, no `at` right after it; a `wait` holds the steps behind it
/// until its condition holds or its timeout passes. What differs in live mode:
/// - checks (`wait`, `expect`, `never`, `always`, MQTT expectations) produce verdicts for the log
///   and the trace; a live session is not a test run, so nothing fails because of them;
/// - `rapi` steps are skipped: the firmware has a single receive buffer, and bytes injected into
///   it would mix with the line the client under test may be half-way through sending;
/// - `mqtt` steps go straight into the station's EVerest face, as if the broker had delivered
///   them;
/// - reaching `until` only closes the open invariants; the session goes on.
///
/// The schedule is a state machine with no I/O: the driver asks ``next(now:station:)`` for one
/// effect at a time and applies it (so a `wait` right after a `plug` sees the plugged station),
/// calls ``observe(station:)`` after every change and ``observe(_:at:)`` for every publication,
/// and wakes up at ``nextTime(now:)``.
public struct LiveScenarioSchedule: Sendable {
    /// One thing the driver must do or report.
    public enum Effect: Hashable, Sendable {
        /// Apply a `do` step to the station.
        case perform(ScenarioAction)
        /// Hand an MQTT command to the station's EVerest face (full topic).
        case publish(topic: String, payload: [UInt8])
        /// A check was decided.
        case verdict(Verdict)
        /// A step started or was skipped: a trace record (source `scenario`).
        case record(TraceRecord)
        /// The scenario reached `until`: every verdict is in.
        case finished(passed: Int, failed: Int)
    }

    /// The scenario being played.
    public let document: ScenarioDocument
    /// The EVSE id relative MQTT topics are resolved against.
    public let evseID: String
    /// Every verdict so far, in the order decided.
    public private(set) var verdicts: [Verdict] = []
    /// Whether the scenario reached `until`.
    public private(set) var isFinished = false

    private var nextIndex = 0
    private var lastStepEnd: SimInstant = .zero
    private var pending: Pending?
    private var invariants: [Invariant] = []
    private var outbox: [Effect] = []

    private enum Pending: Sendable {
        case wait(WaitStep, ScenarioStep, started: SimInstant, deadline: SimInstant)
        case watch(Watch)
    }

    private struct Watch: Sendable {
        var step: ScenarioStep
        var topic: String
        var filter: String
        var pattern: JSONSubsetPattern?
        var window: SimDuration
        var deadline: SimInstant
        var matchedAt: SimInstant?
        var lastMismatch: String?
    }

    private struct Invariant: Sendable {
        var step: ScenarioStep
        var condition: Condition
        var text: String
        var isNever: Bool
        var start: SimInstant
        var end: SimInstant?
        var violation: (time: SimInstant, detail: String)?
    }

    /// A schedule for `document`, starting at instant zero of the session.
    public init(document: ScenarioDocument, evseID: String) {
        self.document = document
        self.evseID = evseID
    }

    // MARK: - Driving

    /// When the schedule must run next (never earlier than `now`), or nil once it is finished.
    public func nextTime(now: SimInstant) -> SimInstant? {
        guard !isFinished else { return nil }
        if !outbox.isEmpty { return now }
        var candidates = invariants.compactMap(\.end)
        switch pending {
        case .wait(_, _, _, let deadline)?: candidates.append(deadline)
        case .watch(let watch)?: candidates.append(watch.deadline)
        case nil:
            candidates.append(
                nextIndex < document.steps.count ? time(of: document.steps[nextIndex]) : endTime)
        }
        return candidates.min().map { max($0, now) }
    }

    /// The next effect due at `now`, or nil when nothing more is due yet. Apply each effect to
    /// the station before asking again.
    public mutating func next(now: SimInstant, station: Station) -> Effect? {
        while outbox.isEmpty, !isFinished {
            closeInvariants(now: now, final: false)
            guard outbox.isEmpty else { break }
            if pending != nil {
                resolvePending(now: now, station: station)
                if pending != nil { break }
                continue
            }
            if nextIndex < document.steps.count {
                let step = document.steps[nextIndex]
                guard time(of: step) <= now else { break }
                start(step, index: nextIndex, now: now, station: station)
                nextIndex += 1
                continue
            }
            guard now >= endTime else { break }
            closeInvariants(now: now, final: true)
            isFinished = true
            let failed = verdicts.filter { !$0.passed }.count
            outbox.append(.finished(passed: verdicts.count - failed, failed: failed))
        }
        return outbox.isEmpty ? nil : outbox.removeFirst()
    }

    /// Checks the running invariants (and a pending `wait`) against the station after a change.
    public mutating func observe(station: Station) {
        guard !isFinished else { return }
        let now = station.now
        for i in invariants.indices where invariants[i].violation == nil {
            if let end = invariants[i].end, now > end { continue }
            let holds = Self.evaluate(invariants[i].condition, on: station)
            let violated = invariants[i].isNever ? holds == true : holds != true
            if violated {
                invariants[i].violation = (now, "at \(now): \(Self.describeKeys(invariants[i].condition, station))")
            }
        }
        if case .wait? = pending { resolvePending(now: now, station: station) }
    }

    /// Checks a publication of the station's EVerest face against a pending MQTT expectation.
    public mutating func observe(_ message: EverestAPI.MQTTMessage, at time: SimInstant) {
        guard case .watch(var watch)? = pending, watch.matchedAt == nil,
            Self.topic(message.topic, matches: watch.filter)
        else { return }
        if let pattern = watch.pattern {
            guard let json = try? Scenario.JSONParser().parse(message.payload, file: message.topic) else {
                watch.lastMismatch = "payload is not JSON: \(message.payloadText)"
                pending = .watch(watch)
                return
            }
            if let mismatch = pattern.firstMismatch(in: json) {
                watch.lastMismatch = "\(mismatch) in \(message.payloadText)"
                pending = .watch(watch)
                return
            }
        }
        watch.matchedAt = time
        pending = .watch(watch)
    }

    /// Ends the schedule early (the session stopped): a pending check fails, invariants close.
    /// Returns the effects to report; nothing is returned for a finished schedule.
    public mutating func finish(now: SimInstant, station: Station) -> [Effect] {
        guard !isFinished else { return [] }
        switch pending {
        case .wait(let wait, let step, _, _)?:
            decide(
                step, label: "wait \(wait.text)", now: now, passed: false,
                detail: "the session ended before it was met: \(Self.describeKeys(wait.condition, station))")
        case .watch(let watch)?:
            decide(
                watch.step, label: "mqtt \(watch.topic)", now: now, passed: watch.matchedAt != nil,
                detail: watch.matchedAt.map { "published at \($0)" }
                    ?? "the session ended before a matching publication")
        case nil: break
        }
        pending = nil
        closeInvariants(now: now, final: true)
        isFinished = true
        let failed = verdicts.filter { !$0.passed }.count
        outbox.append(.finished(passed: verdicts.count - failed, failed: failed))
        defer { outbox.removeAll() }
        return outbox
    }

    // MARK: - Steps

    private func time(of step: ScenarioStep) -> SimInstant {
        switch step.timing {
        case .afterPrevious: lastStepEnd
        case .fromStart(let offset): .zero + offset
        case .afterPreviousBy(let offset): lastStepEnd + offset
        }
    }

    /// `until`, counted once every step is done (the fast runner's rule).
    private var endTime: SimInstant {
        switch document.end {
        case .fromStart(let offset): .zero + offset
        case .afterLastStep(let offset): lastStepEnd + offset
        }
    }

    private mutating func start(_ step: ScenarioStep, index: Int, now: SimInstant, station: Station) {
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

    private mutating func resolvePending(now: SimInstant, station: Station) {
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

    private mutating func closeInvariants(now: SimInstant, final: Bool) {
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

    private mutating func decide(_ step: ScenarioStep, label: String, now: SimInstant, passed: Bool, detail: String) {
        let verdict = Verdict(
            label: step.label ?? label, location: Self.location(step), time: now, passed: passed, detail: detail)
        verdicts.append(verdict)
        outbox.append(.verdict(verdict))
    }

    // MARK: - Helpers

    private func fullTopic(_ topic: String) -> String {
        topic.hasPrefix("everest_api/") ? topic : "everest_api/\(evseID)/\(topic)"
    }

    private static func evaluate(_ condition: Condition, on station: Station) -> Bool? {
        try? condition.evaluate { StationConditions.value(station, $0) }
    }

    private static func describeKeys(_ condition: Condition, _ station: Station) -> String {
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
