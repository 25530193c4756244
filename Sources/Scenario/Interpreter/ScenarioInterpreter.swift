public import EVSEModel
import EverestAPI
public import SimCore
public import SystemAPI
public import Wire

/// The one interpreter of a scenario's steps, for fast runs and live sessions alike.
///
/// A state machine with no I/O and no clock of its own. A driver owns the station and its
/// faces; it asks ``next(now:station:settled:)`` for one effect at a time and applies it (so a
/// `wait` right after a `plug` sees the plugged station), calls ``observe(station:)`` after every
/// change, ``observe(_:at:)`` for every EVerest publication and ``observe(rapiAsync:)`` for every
/// unsolicited RAPI line, and wakes up at ``nextTime(now:)``. ``ScenarioRunner`` drives it as fast
/// as the CPU allows (or paced); the live session drives it from the wall clock and real input.
///
/// Timing: `"at": "30s"` is 30 s after the start, `"+1m"` a minute after the previous step
/// finished, no `at` right after it; a `wait`, an MQTT expectation and a RAPI step's expected
/// `$AT`/`$AB` lines hold the steps behind them until they are decided. A step that falls due at a
/// later instant starts once that instant is *settled*: the station's events and the 1 Hz
/// publication due then have run, so the step sees what they did. A deadline is judged the same
/// way, so an event at the very deadline still counts.
public struct ScenarioInterpreter: Sendable {
    /// What happens to `rapi` steps.
    public enum RAPISteps: Sendable {
        /// Sent into the RAPI face, replies checked (fast runs).
        case run
        /// Skipped with a record: a live pty belongs to its client, and bytes injected into the
        /// firmware's single receive buffer would mix with a line the client is half-way through.
        case skip
    }

    /// The scenario being interpreted.
    public let document: ScenarioDocument
    /// The EVSE id relative MQTT topics are resolved against.
    public let evseID: String
    /// What happens to `rapi` steps.
    public let rapiSteps: RAPISteps
    /// The system API module's topics `system` steps use.
    public let systemTopics: SystemTopics
    /// How many system requests were sent (their reply topics are numbered).
    var systemRequests = 0
    /// System status messages no system expectation has looked at yet, oldest first.
    var systemStatusBacklog: [(message: MQTTMessage, time: SimInstant)] = []
    /// Calls of the charge point no OCPP expectation has matched yet, oldest first.
    var ocppBacklog: [(message: MQTTMessage, time: SimInstant)] = []
    /// Whether any step expects an OCPP call (otherwise no backlog is kept).
    let expectsOCPP: Bool
    /// Every verdict so far, in the order decided.
    public internal(set) var verdicts: [Verdict] = []
    /// Whether the scenario reached `until` (or was ended early).
    public internal(set) var isFinished = false

    var began = false
    /// The index of the next step to start.
    var nextIndex = 0
    /// When the previous step finished: the base of `+` times and of `until: "+…"`.
    var lastStepEnd: SimInstant = .zero
    var pending: InterpreterPending?
    var invariants: [ActiveInvariant] = []
    /// Effects decided but not handed to the driver yet.
    var outbox: [InterpreterEffect] = []
    var outboxHead = 0

    /// An interpreter for `document`, starting at instant zero.
    public init(document: ScenarioDocument, evseID: String, rapiSteps: RAPISteps, systemModuleID: String = "system") {
        self.document = document
        self.expectsOCPP = document.steps.contains { $0.kind.isOCPPExpectation }
        self.systemTopics = SystemTopics(moduleID: systemModuleID)
        self.evseID = evseID
        self.rapiSteps = rapiSteps
    }

    // The queries below are `mutating` only so that a driver, which keeps the interpreter in
    // mutable storage, reads it in place: a non-mutating call there copies the whole
    // interpreter (750 bytes) first, several times a simulated second.

    /// Whether an MQTT expectation is watching publications (a fast run encodes the 1 Hz
    /// payloads only while someone reads them).
    public var isWatchingMQTT: Bool {
        mutating get {
            if case .watch? = pending { return true }
            return false
        }
    }

    /// Whether a RAPI step is collecting unsolicited lines.
    public var isWatchingRAPI: Bool {
        mutating get {
            switch pending {
            case .rapiReplies?, .rapiAsync?: true
            default: false
            }
        }
    }

    // MARK: - Driving

    /// When the interpreter must run next (never earlier than `now`), or nil once it is finished
    /// (`mutating`: see above).
    public mutating func nextTime(now: SimInstant) -> SimInstant? {
        guard !isFinished else { return nil }
        if !began || outboxHead < outbox.count { return now }
        var next = SimInstant.distantFuture
        for invariant in invariants { if let end = invariant.end { next = min(next, end) } }
        switch pending {
        case .wait(_, _, _, let deadline, _)?, .watch(_, _, let deadline)?, .rapiAsync(_, _, _, let deadline)?:
            next = min(next, deadline)
        case .rapiReplies?: next = now
        case nil:
            next = min(next, nextIndex < document.steps.count ? nextStepTime : endTime)
        }
        return max(next, now)
    }

    /// The next effect due at `now`, or nil when nothing more is due yet. Apply each effect to
    /// the station before asking again.
    /// - Parameters:
    ///   - station: `inout` only to be read in place: a driver holds it in mutable storage,
    ///     where passing it by value copies it (1.8 KB) at every call; it is read (copied) only
    ///     when a condition or an expectation is evaluated.
    ///   - settled: whether every station event and publication due at `now` has run.
    public mutating func next(now: SimInstant, station: inout Station, settled: Bool) -> InterpreterEffect? {
        if let record = begin(now: now) { emit(.record(record)) }
        while outboxHead == outbox.count, !isFinished {
            closeInvariants(now: now, settled: settled, final: false)
            guard outboxHead == outbox.count else { break }
            if pending != nil {
                resolvePending(now: now, station: &station, settled: settled)
                if pending != nil { break }
                continue
            }
            if nextIndex < document.steps.count {
                // The step is copied only once it starts.
                guard isDue(nextStepTime, now: now, settled: settled) else { break }
                let step = document.steps[nextIndex]
                nextIndex += 1
                start(step, index: nextIndex - 1, now: now, station: &station)
                continue
            }
            guard isDue(endTime, now: now, settled: settled) else { break }
            close(now: now)
        }
        guard outboxHead < outbox.count else { return nil }
        defer {
            outboxHead += 1
            if outboxHead == outbox.count {
                // Not keeping its capacity: effects come in bursts a step apart, and a fleet's
                // background plans would each hold a burst's room for good.
                outbox.removeAll()
                outboxHead = 0
            }
        }
        return outbox[outboxHead]
    }

    /// The scenario's start record, the first time it is asked for; nil afterwards. A driver
    /// that shows the station's power-on records calls this first, so the trace opens with it.
    public mutating func begin(now: SimInstant) -> TraceRecord? {
        guard !began else { return nil }
        began = true
        return TraceRecord(
            time: now, source: "scenario", kind: "scenario.start",
            fields: [.init("name", .string(document.name)), .init("seed", .int(Int64(bitPattern: document.seed)))])
    }

    /// Checks the running invariants (and a pending `wait`) against the station after a change.
    /// The station is `inout` only to be read in place (see ``next(now:station:settled:)``).
    public mutating func observe(station: inout Station) {
        guard !isFinished else { return }
        let now = station.now
        if !invariants.isEmpty { checkInvariants(now: now, station: &station) }
        if case .wait? = pending { resolvePending(now: now, station: &station, settled: false) }
    }

    /// Notes the first violation of each running invariant. The station is `inout` only to be
    /// read in place: borrowed from the caller's `inout`, it was copied (1.2 KB) at every change.
    private mutating func checkInvariants(now: SimInstant, station: inout Station) {
        for i in invariants.indices where invariants[i].violation == nil {
            if let end = invariants[i].end, now > end { continue }
            let holds = StationConditions.holds(on: &station, keys: invariants[i].keys)
            if invariants[i].isNever ? holds == true : holds != true {
                invariants[i].violation = (now, "at \(now): \(Self.describeKeys(invariants[i].condition, station))")
            }
        }
    }

    /// ``observe(_:at:)`` for each of a set of publications, in order.
    public mutating func observe(_ messages: [MQTTMessage], at time: SimInstant) {
        for message in messages { observe(message, at: time) }
    }

    /// Checks a publication of the station's EVerest face against a pending MQTT expectation.
    public mutating func observe(_ message: MQTTMessage, at time: SimInstant) {
        // Asked first, without taking the check apart: most publications meet no expectation.
        if isWatchingMQTT, case .watch(var watch, let step, let deadline)? = pending {
            // A status goes to a pending status expectation while it is still undecided; any
            // other status waits for the next expectation on its topic.
            let consumed =
                watch.sequence != nil && watch.filter == message.topic && watch.matchedAt == nil && !watch.broken
            watch.check(message, at: time)
            pending = .watch(watch, step, deadline: deadline)
            if consumed { return }
        }
        keepSystemStatus(message, at: time)
    }

    /// Notes an unsolicited RAPI line (`$AT`, `$AB`) for a RAPI step that expects some.
    public mutating func observe(rapiAsync line: String) {
        switch pending {
        case .rapiReplies(let rapi, let step, var seen)?:
            seen.append(line)
            pending = .rapiReplies(rapi, step, seen: seen)
        case .rapiAsync(let rapi, let step, var seen, let deadline)?:
            seen.append(line)
            pending = .rapiAsync(rapi, step, seen: seen, deadline: deadline)
        default:
            break
        }
    }

    /// The reply lines the RAPI face gave to the line of the last ``InterpreterEffect/sendRAPI(_:)``.
    public mutating func rapiReplied(_ replies: [String], now: SimInstant) {
        guard case .rapiReplies(let rapi, let step, let seen)? = pending else { return }
        pending = nil
        judgeReplies(replies, of: rapi, step: step, now: now)
        if rapi.expectAsync.isEmpty {
            lastStepEnd = now
        } else {
            pending = .rapiAsync(rapi, step, seen: seen, deadline: now + .seconds(5))
        }
    }

    /// Ends the interpreter early (the session stopped, or the run was interrupted): a pending
    /// check fails, invariants close. Returns the effects to report; nothing for a finished one.
    public mutating func finish(now: SimInstant, station: Station, reason: String) -> [InterpreterEffect] {
        guard !isFinished else { return [] }
        var effects: [InterpreterEffect] = []
        while let effect = takeQueued() { effects.append(effect) }
        switch pending {
        case .wait(let wait, let step, _, _, _)?:
            decide(
                step, label: step.label ?? "wait \(wait.text)", now: now, passed: false,
                detail: "\(reason) before it was met: \(Self.describeKeys(wait.condition, station))")
        case .watch(let watch, let step, _)?:
            decide(
                step, label: step.label ?? "mqtt \(watch.topic)", now: now, passed: watch.matchedAt != nil,
                detail: watch.matchedAt.map { "published at \($0)" } ?? "\(reason) before a matching publication")
        case .rapiReplies(let rapi, let step, _)?, .rapiAsync(let rapi, let step, _, _)?:
            decide(
                step, label: (step.label ?? "rapi \(rapi.line)") + " (async)", now: now, passed: false,
                detail: "\(reason) before the expected lines were seen")
        case nil: break
        }
        pending = nil
        close(now: now)
        while let effect = takeQueued() { effects.append(effect) }
        return effects
    }

    private mutating func takeQueued() -> InterpreterEffect? {
        guard outboxHead < outbox.count else {
            outbox.removeAll(keepingCapacity: true)
            outboxHead = 0
            return nil
        }
        outboxHead += 1
        return outbox[outboxHead - 1]
    }
}
