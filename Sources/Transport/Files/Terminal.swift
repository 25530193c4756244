#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writing to the terminal without Foundation: standard error, and whether a stream is a tty.
public enum Terminal {
    public static var stderrIsTTY: Bool { isatty(2) == 1 }
    public static var stdoutIsTTY: Bool { isatty(1) == 1 }

    /// Writes `text` to standard error as is.
    public static func writeError(_ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
    }

    /// Writes `text` to standard output as is.
    public static func writeOut(_ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { write(1, $0.baseAddress, $0.count) }
    }
}

/// Sleeps the calling thread until a wall deadline: pacing for `evsesim run --speed`.
/// A caught SIGINT or SIGTERM (``RunInterrupt``) cuts the sleep short.
public enum WallSleep {
    public static func until(_ deadline: ContinuousClock.Instant) {
        let d = deadline - ContinuousClock.now
        guard d > .zero else { return }
        let ns = d.nanosecondsRounded
        var req = timespec(tv_sec: Int(ns / 1_000_000_000), tv_nsec: Int(ns % 1_000_000_000))
        var rem = timespec()
        while nanosleep(&req, &rem) != 0, errno == EINTR, RunInterrupt.caught == nil { req = rem }
    }
}
