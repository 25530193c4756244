/// A system call the live loop depends on failed.
public struct LiveLoopError: Error, CustomStringConvertible, Sendable {
    /// The call that failed, e.g. `pipe` or `poll`.
    public var operation: String
    /// The `errno` it left.
    public var errno: Int32

    /// Creates an error for `operation` with its `errno`.
    public init(operation: String, errno: Int32) {
        self.operation = operation
        self.errno = errno
    }

    /// The failed call and its errno, e.g. "live loop: poll failed: Invalid argument (errno 22)".
    public var description: String { "live loop: \(operation) failed: \(errnoText(errno)) (errno \(errno))" }
}
