import Glibc
import Synchronization

/// Where the signal handler writes: the write end of the running loop's wake-up pipe, or -1.
///
/// A C signal handler cannot capture context, so the descriptor lives in a process-wide atomic;
/// a lock-free atomic load is async-signal-safe.
private let signalPipeFD = Atomic<Int32>(-1)

/// Turns SIGINT and SIGTERM into bytes on a ``WakeupPipe`` for as long as it is installed.
///
/// Signal dispositions are process-wide, so only one trap can be installed at a time. The handler
/// only writes the signal number to the pipe (async-signal-safe); the loop notices the byte in
/// its next `poll` and stops in order, so links are removed and the broker is disconnected.
struct SignalTrap: ~Copyable {
    /// The signals handled.
    static let signals: [Int32] = [SIGINT, SIGTERM]

    private let pipe: WakeupPipe
    private var previous: [(Int32, sighandler_t?)] = []

    /// Installs the handlers, or returns nil when another trap is already installed.
    init?(pipe: WakeupPipe) {
        guard
            signalPipeFD.compareExchange(expected: -1, desired: pipe.writeFD, ordering: .sequentiallyConsistent)
                .exchanged
        else { return nil }
        self.pipe = pipe
        for sig in Self.signals {
            // A capture-free closure literal converts to the C function pointer `signal` wants.
            let old = signal(sig) { caught in
                let fd = signalPipeFD.load(ordering: .relaxed)
                guard fd >= 0 else { return }
                let savedErrno = errno
                var byte = UInt8(truncatingIfNeeded: caught)
                _ = write(fd, &byte, 1)
                errno = savedErrno
            }
            previous.append((sig, old))
        }
    }

    /// Restores the previous handlers.
    deinit {
        for (sig, old) in previous { _ = signal(sig, old) }
        signalPipeFD.store(-1, ordering: .sequentiallyConsistent)
        _ = pipe
    }
}
