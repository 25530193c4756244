import EVSEModel
import SimCore

/// The outcome of one checked step: an expectation, a wait, an invariant or a protocol exchange.
public struct Verdict: Hashable, Sendable {
    /// The step's label, or a description of what was checked.
    public var label: String
    /// `file:line:column` of the step.
    public var location: String
    /// When the check was decided.
    public var time: SimInstant
    public var passed: Bool
    /// What was expected and what was found.
    public var detail: String

    public init(label: String, location: String, time: SimInstant, passed: Bool, detail: String) {
        self.label = label
        self.location = location
        self.time = time
        self.passed = passed
        self.detail = detail
    }
}

/// Everything a scenario run produced, apart from the trace (which is streamed).
public struct ScenarioResult: Sendable {
    public var name: String
    public var file: String
    public var seed: UInt64
    public var verdicts: [Verdict]
    /// Sim time at which the run ended.
    public var endTime: SimInstant
    /// Station events processed.
    public var eventCount: Int
    /// Why the run ended before the scenario did (e.g. "interrupted by SIGINT"), or nil.
    public var interruption: String?
    /// Whether every verdict passed.
    public var passed: Bool { verdicts.allSatisfy(\.passed) }
    public var failures: [Verdict] { verdicts.filter { !$0.passed } }
}

extension Verdict {
    /// The verdict as it appears in the trace.
    public var traceRecord: TraceRecord {
        TraceRecord(
            time: time, source: "scenario", kind: "verdict",
            fields: [
                .init("label", .string(label)), .init("passed", .bool(passed)), .init("detail", .string(detail)),
                .init("at", .string(location)),
            ])
    }
}
