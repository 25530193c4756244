public import EVSEModel
public import EverestAPI
import JSON
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
    public internal(set) var verdicts: [Verdict] = []
    /// Whether the scenario reached `until`.
    public private(set) var isFinished = false

    /// The index of the next step to start.
    var nextIndex = 0
    /// When the previous step finished: the base of `+` times and of `until: "+…"`.
    var lastStepEnd: SimInstant = .zero
    /// A check that holds the following steps back until it is decided.
    var pending: Pending?
    /// `never`/`always` conditions being watched.
    var invariants: [Invariant] = []
    /// Effects decided but not handed to the driver yet.
    var outbox: [Effect] = []

    /// A `wait` or an MQTT expectation in progress.
    enum Pending: Sendable {
        case wait(WaitStep, ScenarioStep, started: SimInstant, deadline: SimInstant)
        case watch(Watch)
    }

    /// An MQTT expectation watching the station's publications until its deadline.
    struct Watch: Sendable {
        var step: ScenarioStep
        var topic: String
        var filter: String
        var pattern: JSONSubsetPattern?
        var window: SimDuration
        var deadline: SimInstant
        var matchedAt: SimInstant?
        var lastMismatch: String?
    }

    /// A `never` or `always` condition and its first violation.
    struct Invariant: Sendable {
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
    public mutating func observe(_ message: MQTTMessage, at time: SimInstant) {
        guard case .watch(var watch)? = pending, watch.matchedAt == nil,
            Self.topic(message.topic, matches: watch.filter)
        else { return }
        if let pattern = watch.pattern {
            guard let json = try? JSONParser().parse(message.payload, file: message.topic) else {
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
}
