import EVSEModel
import SimCore
public import SystemAPI

/// How a scenario run reports and paces itself. The runner itself never touches the wall clock:
/// pacing, progress and interruption are callbacks the caller (the CLI, a test) provides.
public struct RunOptions: Sendable {
    /// Receives every trace record in order; nil collects no trace.
    public var trace: (@Sendable (TraceRecord) -> Void)?
    /// Receives every verdict as soon as it is decided.
    public var verdict: (@Sendable (Verdict) -> Void)?
    /// Called before processing the event due at an instant; a paced run waits here.
    public var pace: (@Sendable (SimInstant) -> Void)?
    /// Called now and then with (now, planned end) for progress displays. The planned end is
    /// the latest the run can end given the steps still to come (each wait at its timeout), and
    /// exact once every step is done.
    public var progress: (@Sendable (SimInstant, SimInstant) -> Void)?
    /// Asked between events; returning a reason (e.g. "interrupted") ends the run early, with
    /// pending checks failed for that reason.
    public var shouldStop: (@Sendable () -> String?)?
    /// Trace every MQTT publication, not only session_info changes and commands.
    public var traceTelemetry = false
    /// Add `sample` records of the station's readings to the trace (what a report charts).
    public var traceSamples = false
    /// The I/O behind the system API's real downloads and uploads (`http://`, `file://`);
    /// nil simulates every transfer.
    public var systemEffects: (any SystemEffects)?

    public init(
        trace: (@Sendable (TraceRecord) -> Void)? = nil, pace: (@Sendable (SimInstant) -> Void)? = nil,
        progress: (@Sendable (SimInstant, SimInstant) -> Void)? = nil
    ) {
        self.trace = trace
        self.pace = pace
        self.progress = progress
    }
}
