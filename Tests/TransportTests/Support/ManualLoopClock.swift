@testable import Transport

/// A ``LiveClock`` for tests: `poll` never blocks, and when nothing was ready the clock jumps to
/// the deadline the loop was waiting for. Pacing and lag become exact and a paced run takes no
/// wall time; ``advance(by:)`` stands for a handler that takes long.
final class ManualLoopClock: LiveClock {
    private(set) var now: ContinuousClock.Instant

    init(start: ContinuousClock.Instant = .now) { now = start }

    func advance(by duration: Duration) { now += duration }

    func pollTimeout(from now: ContinuousClock.Instant, to deadline: ContinuousClock.Instant) -> Int32 { 0 }

    func waited(until deadline: ContinuousClock.Instant, woken: Bool) {
        if !woken { now = max(now, deadline) }
    }
}
