import Glibc
import Synchronization

/// The signal that asked a fast run to stop, or 0.
private let caughtSignal = Atomic<Int32>(0)

/// SIGINT and SIGTERM for `evsesim run`: the handler only records the signal (an atomic store is
/// async-signal-safe); the runner asks ``caught`` between events and ends in order, so the trace
/// is flushed, the verdicts so far and the JUnit report are written, and the process exits with
/// 128 + the signal number, as a shell expects.
public enum RunInterrupt {
    /// Installs the handlers for the rest of the process's life.
    public static func install() {
        for sig in [SIGINT, SIGTERM] {
            _ = signal(sig) { caught in caughtSignal.store(caught, ordering: .relaxed) }
        }
    }

    /// The signal caught so far, if any.
    public static var caught: Int32? {
        let sig = caughtSignal.load(ordering: .relaxed)
        return sig == 0 ? nil : sig
    }

    /// `SIGINT`, `SIGTERM` or `signal N`.
    public static func name(_ sig: Int32) -> String {
        switch sig {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        default: "signal \(sig)"
        }
    }
}
