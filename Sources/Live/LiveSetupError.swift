import Scenario
import Transport

/// A live session could not be set up or run: a bad option, a pty, the broker client, the trace
/// file or the loop.
public struct LiveSetupError: Error, CustomStringConvertible, Sendable {
    /// What was being set up, e.g. `pty for station 2` or `--stations`.
    public var subject: String
    /// Why it failed.
    public var reason: String

    /// Creates an error about `subject`.
    public init(_ subject: String, _ reason: String) {
        self.subject = subject
        self.reason = reason
    }

    /// `subject: reason`, e.g. "pty for station 1: pty: symlink '/tmp/x' failed: Permission denied (errno 13)".
    public var description: String { "\(subject): \(reason)" }
}
