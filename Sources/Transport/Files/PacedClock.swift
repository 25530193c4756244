import SimCore
import Synchronization

/// Paces a fast-mode run to the wall clock (`evsesim run --speed`): sleeps until each event's
/// deadline, and records how far behind it fell when it could not keep up.
public final class PacedClock: Sendable {
    private let pacer: Pacer
    private let lag = Mutex<(max: Duration, late: Int)>((.zero, 0))

    /// Anchors sim instant zero to now.
    public init(pacing: Pacing) { pacer = Pacer(pacing: pacing, simNow: .zero) }

    /// Waits for `t`'s deadline, or notes the lag if it has passed.
    public func wait(for t: SimInstant) {
        guard let deadline = pacer.deadline(for: t) else { return }
        let now = ContinuousClock.now
        if now < deadline {
            WallSleep.until(deadline)
        } else if now - deadline > .milliseconds(10) {
            lag.withLock {
                $0.late += 1
                $0.max = Swift.max($0.max, now - deadline)
            }
        }
    }

    /// The largest lag seen and how many events ran more than 10 ms late.
    public var report: (maxLag: Duration, lateEvents: Int) { lag.withLock { ($0.max, $0.late) } }
}
