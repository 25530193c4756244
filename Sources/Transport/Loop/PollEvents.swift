import Glibc

/// Readiness flags of one descriptor, as `poll(2)` reports them in `revents`.
public struct PollEvents: OptionSet, Hashable, Sendable, CustomStringConvertible {
    /// The raw `poll(2)` bits.
    public let rawValue: Int16

    /// Wraps raw `poll(2)` bits.
    public init(rawValue: Int16) { self.rawValue = rawValue }

    /// Data can be read (`POLLIN`).
    public static let readable = PollEvents(rawValue: Int16(POLLIN))
    /// Data can be written without blocking (`POLLOUT`).
    public static let writable = PollEvents(rawValue: Int16(POLLOUT))
    /// The peer hung up (`POLLHUP`); always reported, whether asked for or not.
    public static let hangup = PollEvents(rawValue: Int16(POLLHUP))
    /// An error condition (`POLLERR`); always reported.
    public static let error = PollEvents(rawValue: Int16(POLLERR))
    /// The descriptor is not open (`POLLNVAL`); always reported.
    public static let invalid = PollEvents(rawValue: Int16(POLLNVAL))

    /// Flags such as `[readable, hangup]`.
    public var description: String {
        let names: [(PollEvents, String)] = [
            (.readable, "readable"), (.writable, "writable"), (.hangup, "hangup"), (.error, "error"),
            (.invalid, "invalid"),
        ]
        return "[" + names.filter { contains($0.0) }.map(\.1).joined(separator: ", ") + "]"
    }
}

/// A descriptor and the events a source wants the live loop to wait for.
public struct PollInterest: Hashable, Sendable {
    /// The file descriptor to poll.
    public var fileDescriptor: Int32
    /// What to wait for; hang-up and errors are reported in any case.
    public var events: PollEvents

    /// Creates an interest in `events` on `fileDescriptor`.
    public init(fileDescriptor: Int32, events: PollEvents) {
        self.fileDescriptor = fileDescriptor
        self.events = events
    }
}
