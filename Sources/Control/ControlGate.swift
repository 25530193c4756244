import Synchronization
public import Transport

/// The thread-safe side of the control API: what the HTTP threads use to reach the live loop.
///
/// Requests go through a ``LoopMailbox`` and are answered on the loop's thread by
/// ``ControlDesk``; once the session ends (``close()``), queued and new requests get 503 at once,
/// so no HTTP handler waits for a loop that no longer runs.
public final class ControlGate: Sendable {
    /// The mailbox the loop polls.
    public let mailbox: LoopMailbox<ControlMessage>
    /// The event streams.
    public let hub = EventHub()
    private let closed = Mutex(false)

    /// Opens the mailbox.
    /// - Throws: ``LiveLoopError`` when its wake-up pipe cannot be created.
    public init() throws(LiveLoopError) { mailbox = try LoopMailbox() }

    /// Sends a request to the loop and waits for its reply.
    public func ask(_ make: (@escaping ControlMessage.Reply) -> ControlMessage) async -> ControlReply {
        await withCheckedContinuation { (continuation: CheckedContinuation<ControlReply, Never>) in
            let message = make { continuation.resume(returning: $0) }
            let posted = closed.withLock { closed in
                if !closed { mailbox.post(message) }
                return !closed
            }
            if !posted { message.reply(.unavailable) }
        }
    }

    /// Refuses further requests, answers the queued ones with 503 and ends every event stream.
    public func close() {
        let queued = closed.withLock { closed in
            closed = true
            return mailbox.take()
        }
        for message in queued { message.reply(.unavailable) }
        hub.finish()
    }
}
