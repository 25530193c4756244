import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// CPU and wall time of one publishing run, split at the end of its start-up window.
struct PublicationRun {
    /// Wall seconds of the whole run and of its start-up window.
    var wall: Double
    var startupWall: Double
    /// CPU seconds (user + sys, this process) of the whole run and of its start-up window.
    var cpu: Double
    var startupCPU: Double
    /// Publications of the whole run.
    var messages: Double
    /// Publications dropped because the broker read more slowly than they were made.
    var dropped = 0

    /// Wall and CPU seconds before the loop started (setup, subscriptions), left out of both windows.
    var setupWall: Double
    var setupCPU: Double

    /// Publications after the start-up window: at 1 Hz every second of the loop publishes the
    /// same number, so the steady share is the steady fraction of the loop's wall time.
    var steadyMessages: Double { messages * (wall - startupWall) / (wall - setupWall) }
    /// CPU seconds per publication after start-up.
    var steadyCPUPerMessage: Double { (cpu - startupCPU) / max(steadyMessages, 1) }
    /// Share of one core during start-up (from the loop's start) and after it.
    var startupShare: Double { (startupCPU - setupCPU) / (startupWall - setupWall) }
    var steadyShare: Double { (cpu - startupCPU) / (wall - startupWall) }

    /// Runs `body` (which returns how many messages it published, and calls the closure it is
    /// given when its loop starts), sampling the process's CPU time from another thread at the
    /// loop's start and when `startup` has passed after it.
    static func measure(startup: Duration, _ body: (_ loopStarts: @escaping () -> Void) throws -> Int) rethrows
        -> PublicationRun
    {
        let loopStart = Sample()
        let sample = Sample()
        let start = ContinuousClock.now
        let cpuBefore = LiveBenchmarkSupport.cpuSeconds()
        let messages = try body {
            loopStart.take()
            Thread.detachNewThread {
                Thread.sleep(forTimeInterval: startup.secondsDouble)
                sample.take()
            }
        }
        let wall = (ContinuousClock.now - start).secondsDouble
        let cpu = LiveBenchmarkSupport.cpuSeconds() - cpuBefore
        let (setupCPU, setupAt) = loopStart.value ?? (cpuBefore, start)
        let (startupCPU, at) = sample.value ?? (cpu + cpuBefore, ContinuousClock.now)
        return PublicationRun(
            wall: wall, startupWall: (at - start).secondsDouble, cpu: cpu, startupCPU: startupCPU - cpuBefore,
            messages: Double(messages), setupWall: (setupAt - start).secondsDouble, setupCPU: setupCPU - cpuBefore)
    }

    /// The CPU time at the end of start-up, written by the sampling thread.
    private final class Sample: @unchecked Sendable {
        private let lock = NSLock()
        private var taken: (Double, ContinuousClock.Instant)?

        func take() {
            let cpu = LiveBenchmarkSupport.cpuSeconds()
            lock.withLock { taken = (cpu, .now) }
        }

        var value: (Double, ContinuousClock.Instant)? { lock.withLock { taken } }
    }
}
