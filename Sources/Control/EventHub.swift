public import NIOCore
import Synchronization

/// The subscribers of each station's server-sent-event stream.
///
/// The live loop publishes (only for stations someone listens to, so an unwatched fleet costs
/// nothing); each HTTP stream reads its own `AsyncStream`. A slow reader's stream buffers the
/// newest 4096 events and drops older ones rather than holding up the loop.
public final class EventHub: Sendable {
    private struct State {
        var subscribers: [Int: [Int: AsyncStream<ByteBuffer>.Continuation]] = [:]
        var nextID = 0
        var finished = false
    }

    private let state = Mutex(State())

    /// An empty hub.
    public init() {}

    /// A new stream of station `index`'s events; it ends when the client goes or at ``finish()``.
    public func subscribe(station index: Int) -> AsyncStream<ByteBuffer> {
        let (stream, continuation) = AsyncStream<ByteBuffer>.makeStream(bufferingPolicy: .bufferingNewest(4096))
        let id: Int? = state.withLock { state in
            guard !state.finished else { return nil }
            state.nextID += 1
            state.subscribers[index, default: [:]][state.nextID] = continuation
            return state.nextID
        }
        guard let id else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            self?.state.withLock { state in
                state.subscribers[index]?[id] = nil
                if state.subscribers[index]?.isEmpty == true { state.subscribers[index] = nil }
            }
        }
        return stream
    }

    /// Whether anyone listens to station `index`.
    public func isWatched(station index: Int) -> Bool { state.withLock { $0.subscribers[index] != nil } }

    /// The stations someone listens to.
    public var watchedStations: [Int] { state.withLock { Array($0.subscribers.keys) } }

    /// Sends one event (`event: NAME`, `data: TEXT`) to every listener of station `index`.
    public func publish(station index: Int, event: String, data: String) {
        let listeners = state.withLock { $0.subscribers[index].map { Array($0.values) } ?? [] }
        guard !listeners.isEmpty else { return }
        let buffer = ByteBuffer(string: Self.frame(event: event, data: data))
        for listener in listeners { listener.yield(buffer) }
    }

    /// Ends every stream; later subscriptions end at once.
    public func finish() {
        let all = state.withLock { state in
            state.finished = true
            defer { state.subscribers = [:] }
            return state.subscribers.values.flatMap(\.values)
        }
        for continuation in all { continuation.finish() }
    }

    /// One server-sent event; `data` never holds a line break (records are single JSON lines).
    static func frame(event: String, data: String) -> String { "event: \(event)\ndata: \(data)\n\n" }
}
