/// Something that happened on the pty, as ``PTYDevice/service(_:now:)`` reports it.
public enum PTYEvent: Hashable, Sendable {
    /// A client opened the device (POLLHUP on the master cleared).
    case attached
    /// The last client closed the device (POLLHUP on the master appeared).
    case detached
    /// Bytes the client wrote, in the order received.
    case received([UInt8])
}

/// What became of a line given to ``PTYDevice/write(_:now:)``.
public enum PTYWriteOutcome: Hashable, Sendable {
    /// Handed to the kernel in one `write` call.
    case written
    /// Waiting for its pacing slot or for the pty to accept more.
    case queued
    /// Thrown away: no client is attached, or the backlog is full. Counted in
    /// ``PTYDevice/droppedBytes``.
    case dropped
}
