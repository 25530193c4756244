/// Where ``LiveLoop`` reads the time, and how long its `poll` may block.
///
/// The loop never reads the wall clock itself: ``WallClock`` is the real one; a test can give a
/// clock that jumps to each deadline instead of waiting for it, and so check pacing and lag
/// exactly and at once.
public protocol LiveClock: AnyObject {
    /// The present instant.
    var now: ContinuousClock.Instant { get }

    /// The `poll` timeout, in milliseconds, for a wait from `now` until `deadline`.
    func pollTimeout(from now: ContinuousClock.Instant, to deadline: ContinuousClock.Instant) -> Int32

    /// Called after `poll` returned: `woken` when a descriptor was ready (or a signal came)
    /// before `deadline`.
    func waited(until deadline: ContinuousClock.Instant, woken: Bool)
}

/// The monotonic wall clock; `poll` blocks until the deadline.
public final class WallClock: LiveClock {
    private let clock = ContinuousClock()

    /// Creates the wall clock.
    public init() {}

    /// `ContinuousClock.now`.
    public var now: ContinuousClock.Instant { clock.now }

    /// The whole milliseconds until `deadline`, rounded up so the loop never wakes early.
    public func pollTimeout(from now: ContinuousClock.Instant, to deadline: ContinuousClock.Instant) -> Int32 {
        LiveLoop.milliseconds(from: now, to: deadline)
    }

    /// Nothing: the wall clock moved by itself.
    public func waited(until deadline: ContinuousClock.Instant, woken: Bool) {}
}
