import EVSEModel
import SimCore

/// How a scenario run reports and paces itself. The runner itself never touches the wall clock:
/// pacing and progress are callbacks the caller (the CLI, a live driver) provides.
public struct RunOptions: Sendable {
    /// Receives every trace record in order; nil collects no trace.
    public var trace: (@Sendable (TraceRecord) -> Void)?
    /// Called before processing the event due at an instant; a paced run waits here.
    public var pace: (@Sendable (SimInstant) -> Void)?
    /// Called now and then with (now, end) for progress displays.
    public var progress: (@Sendable (SimInstant, SimInstant) -> Void)?
    /// Trace every MQTT publication, not only session_info changes and commands.
    public var traceTelemetry = false

    public init(
        trace: (@Sendable (TraceRecord) -> Void)? = nil, pace: (@Sendable (SimInstant) -> Void)? = nil,
        progress: (@Sendable (SimInstant, SimInstant) -> Void)? = nil
    ) {
        self.trace = trace
        self.pace = pace
        self.progress = progress
    }
}
