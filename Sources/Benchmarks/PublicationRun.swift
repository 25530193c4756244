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

    /// Publications after the start-up window: at 1 Hz every second publishes the same number,
    /// so the steady share is the steady fraction of the wall time.
    var steadyMessages: Double { messages * (wall - startupWall) / wall }
    /// CPU seconds per publication after start-up.
    var steadyCPUPerMessage: Double { (cpu - startupCPU) / max(steadyMessages, 1) }
    /// Share of one core during start-up and after it.
    var startupShare: Double { startupCPU / startupWall }
    var steadyShare: Double { (cpu - startupCPU) / (wall - startupWall) }

    /// Runs `body` (which returns how many messages it published), sampling the process's CPU
    /// time from another thread when `startup` has passed.
    static func measure(startup: Duration, _ body: () throws -> Int) rethrows -> PublicationRun {
        let sample = Sample()
        let start = ContinuousClock.now
        let cpuBefore = LiveBenchmarkSupport.cpuSeconds()
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: startup.secondsDouble)
            sample.take()
        }
        let messages = try body()
        let wall = (ContinuousClock.now - start).secondsDouble
        let cpu = LiveBenchmarkSupport.cpuSeconds() - cpuBefore
        let (startupCPU, at) = sample.value ?? (cpu, ContinuousClock.now)
        return PublicationRun(
            wall: wall, startupWall: (at - start).secondsDouble, cpu: cpu, startupCPU: startupCPU - cpuBefore,
            messages: Double(messages))
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
