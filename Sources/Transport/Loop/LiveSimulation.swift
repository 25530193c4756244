public import SimCore

/// What the live loop needs from a simulation: its clock, its next deadline and a way to run it.
///
/// The simulation stays a plain single-threaded object; the loop calls it only from its own
/// thread, so no locks and no `Sendable` conformance are needed.
public protocol LiveSimulation: AnyObject {
    /// The current simulated instant.
    var now: SimInstant { get }

    /// The instant of the earliest pending event, or nil when nothing is scheduled.
    func nextEventTime() -> SimInstant?

    /// Processes every event due at or before `t`, then leaves ``now`` equal to `t`.
    ///
    /// The loop only calls this with `t >= now`, and never past an instant whose wall deadline
    /// has not come (except in maximum-speed mode).
    func run(until t: SimInstant)
}
