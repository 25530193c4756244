import Synchronization

/// Messages from other threads to the live loop: any thread posts, the loop's thread takes.
///
/// The live loop is single-threaded (the model needs no locks), so a server running on its own
/// threads (the control API) hands its requests over here. Posting appends under a lock and
/// writes one byte to a wake-up pipe the loop polls; the loop's handler calls ``take()`` and
/// applies the messages at the simulated instant the loop stamps, as it does with pty bytes and
/// MQTT messages. ``deadline`` lets the owner ask for a periodic call on the loop's thread too.
public final class LoopMailbox<Message: Sendable>: LiveSource, Sendable {
    private let pipe: WakeupPipe
    private let queue = Mutex<[Message]>([])
    private let due = Mutex<ContinuousClock.Instant?>(nil)

    /// Opens the wake-up pipe.
    /// - Throws: ``LiveLoopError`` when the pipe cannot be created.
    public init() throws(LiveLoopError) { pipe = try WakeupPipe() }

    /// Queues `message` for the loop and wakes it. Safe from any thread.
    public func post(_ message: Message) {
        queue.withLock { $0.append(message) }
        pipe.post(1)
    }

    /// Every queued message, oldest first (call on the loop's thread).
    public func take() -> [Message] {
        _ = pipe.drain()
        return queue.withLock { queue in
            defer { queue.removeAll(keepingCapacity: true) }
            return queue
        }
    }

    /// A wall instant at which the loop calls the handler even with nothing posted (nil: none).
    /// The handler moves it forward, or the loop spins.
    public var deadline: ContinuousClock.Instant? {
        get { due.withLock { $0 } }
        set { due.withLock { $0 = newValue } }
    }

    /// The pipe's read end.
    public func pollInterest() -> PollInterest? { PollInterest(fileDescriptor: pipe.readFD, events: .readable) }

    /// See ``deadline``.
    public func nextDeadline() -> ContinuousClock.Instant? { deadline }
}
