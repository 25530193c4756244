public import SimCore

/// An I/O source the live loop watches: a descriptor to poll and, optionally, a wall deadline.
///
/// The loop never reads or writes the descriptor itself. It calls the handler registered with
/// the source whenever the descriptor is ready or the deadline has passed; the handler then lets
/// the source do its I/O (for example ``PTYDevice/service(_:now:)``).
public protocol LiveSource: AnyObject {
    /// The descriptor and events to wait for in the next `poll`, or nil to leave the source out.
    func pollInterest() -> PollInterest?

    /// Every descriptor to wait for in the next `poll` (a source may watch more than one); by
    /// default ``pollInterest()``. The handler gets the union of their readiness.
    func pollInterests() -> [PollInterest]

    /// The wall instant by which the handler must run even if the descriptor is not ready
    /// (a retry timer, paced output, a periodic check), or nil for none.
    ///
    /// A handler that is called at the deadline must move it forward, or the loop will spin.
    func nextDeadline() -> ContinuousClock.Instant?
}

extension LiveSource {
    /// ``pollInterest()`` as a list.
    public func pollInterests() -> [PollInterest] { pollInterest().map { [$0] } ?? [] }
}

/// What a source handler learns when the loop calls it.
public struct LiveReadiness: Hashable, Sendable {
    /// The descriptor's readiness; empty when the call is for the source's deadline.
    public var events: PollEvents
    /// The wall instant the loop noticed it.
    public var wallTime: ContinuousClock.Instant
    /// The simulated instant at which any input read now is applied.
    ///
    /// The simulation has already been run up to this instant (its `now` equals it), and no
    /// pending event is earlier: input is applied at
    /// `clamp(simTime(wall), sim.now, nextEventTime)`, after everything due and before
    /// anything not yet due.
    public var simTime: SimInstant

    /// Creates a readiness record.
    public init(events: PollEvents, wallTime: ContinuousClock.Instant, simTime: SimInstant) {
        self.events = events
        self.wallTime = wallTime
        self.simTime = simTime
    }
}
