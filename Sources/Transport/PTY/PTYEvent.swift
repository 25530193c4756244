/// Something that happened on the pty, as ``PTYDevice/service(_:now:)`` reports it.
public enum PTYEvent: Hashable, Sendable {
    /// A client opened the device.
    case attached
    /// The last client closed the device.
    case detached
    /// Bytes the client wrote, in the order received. After `.detached`: what the departed
    /// client wrote last (replies to it are dropped).
    case received([UInt8])
    /// The client's line echoes what it receives, so every reply comes back as a command.
    /// `restored`: raw mode was re-asserted (`--guard-echo`); otherwise reported once a session.
    case echoOn(restored: Bool)
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
