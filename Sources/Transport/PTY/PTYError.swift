/// Creating or operating the pseudo-terminal failed.
public struct PTYError: Error, CustomStringConvertible, Sendable {
    /// The operation that failed, e.g. `openpty` or `symlink`.
    public var operation: String
    /// The path involved, if any (the link or the device).
    public var path: String?
    /// The `errno` the call left, or nil when the failure is not a system call's.
    public var errno: Int32?
    /// More detail when there is no `errno`.
    public var detail: String?

    /// Creates an error.
    public init(operation: String, path: String? = nil, errno: Int32? = nil, detail: String? = nil) {
        self.operation = operation
        self.path = path
        self.errno = errno
        self.detail = detail
    }

    /// The operation, the path and the reason, e.g. "pty: symlink '/tmp/x' failed: Permission denied (errno 13)".
    public var description: String {
        var text = "pty: \(operation)"
        if let path { text += " '\(path)'" }
        text += " failed"
        if let errno { text += ": \(errnoText(errno)) (errno \(errno))" }
        if let detail { text += ": \(detail)" }
        return text
    }
}
