import SimCore
import Synchronization

/// Paces a fast-mode run to the wall clock (`evsesim run --speed`): sleeps until each event's
/// deadline, and lets the ``Pacer`` record how far behind it fell when it could not keep up.
public final class PacedClock: Sendable {
    private let state: Mutex<(pacer: Pacer, late: Int)>

    /// Anchors sim instant zero to now.
    public init(pacing: Pacing) { state = Mutex((Pacer(pacing: pacing, simNow: .zero), 0)) }

    /// Waits for `t`'s deadline; an event more than 10 ms late counts as late.
    public func wait(for t: SimInstant) {
        guard let deadline = state.withLock({ $0.pacer.deadline(for: t) }) else { return }
        WallSleep.until(deadline)
        state.withLock {
            if $0.pacer.noteRan(t, at: .now) > .milliseconds(10) { $0.late += 1 }
        }
    }

    /// The largest lag seen and how many events ran more than 10 ms late.
    public var report: (maxLag: Duration, lateEvents: Int) { state.withLock { ($0.pacer.maxLag, $0.late) } }
}
