public import SimCore

/// Why ``LiveLoop/run(until:)`` returned, and how well it kept pace.
public struct LiveRunReport: Hashable, Sendable, CustomStringConvertible {
    /// Why the run ended.
    public enum Ending: Hashable, Sendable, CustomStringConvertible {
        /// The simulation reached the requested limit.
        case reachedLimit
        /// ``LiveLoop/requestStop()`` or a ``LiveLoop/Stopper`` asked for it.
        case stopRequested
        /// SIGINT or SIGTERM arrived (the signal number).
        case signal(Int32)

        /// A short phrase, e.g. "signal 15".
        public var description: String {
            switch self {
            case .reachedLimit: "reached the limit"
            case .stopRequested: "stop requested"
            case .signal(let number): "signal \(number)"
            }
        }
    }

    /// Why the run ended.
    public var ending: Ending
    /// The simulated instant at the start of the run.
    public var simStart: SimInstant
    /// The simulated instant at the end of the run.
    public var simEnd: SimInstant
    /// Wall time the run took.
    public var wallElapsed: Duration
    /// How many distinct event instants the loop ran.
    public var eventInstants: Int
    /// How many of them ran later than their wall deadline plus the configured tolerance.
    public var lateEvents: Int
    /// The largest lag between an event's wall deadline and the moment it ran.
    public var maxLag: Duration

    /// A one-line summary for logs and the CLI's report.
    public var description: String {
        "\(ending): \(simStart) → \(simEnd) in \(wallElapsed), \(eventInstants) event instants, "
            + "\(lateEvents) late, max lag \(maxLag)"
    }
}
