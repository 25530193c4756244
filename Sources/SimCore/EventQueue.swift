/// Identifies one scheduled event, for cancellation.
public struct EventID: Hashable, Sendable {
    /// The insertion sequence number of the event; unique within one queue.
    public let sequence: UInt64

    @usableFromInline init(sequence: UInt64) { self.sequence = sequence }
}

/// A deterministic future-event list.
///
/// Events are ordered by time and, at equal times, by insertion order, so two runs that
/// schedule the same events in the same order pop them in the same order. Cancellation is
/// lazy: a cancelled event stays in the heap and is skipped when it reaches the top.
public struct EventQueue<Event> {
    @usableFromInline var heap = EventHeap<Event>()
    @usableFromInline var nextSequence: UInt64 = 0
    @usableFromInline var cancelled = Set<UInt64>()

    /// Creates an empty queue.
    public init() {}

    /// Number of entries held, including cancelled ones not yet discarded.
    public var storedCount: Int { heap.count }

    /// Whether no live event is pending.
    public var isEmpty: Bool { mutating get { nextTime == nil } }

    /// Adds an event at `time`; events at the same time run in the order they were scheduled.
    @inlinable @discardableResult
    public mutating func schedule(_ event: Event, at time: SimInstant) -> EventID {
        let seq = nextSequence
        nextSequence &+= 1
        heap.insert(EventHeap<Event>.Entry(time: time.nanoseconds, sequence: seq, event: event))
        return EventID(sequence: seq)
    }

    /// Cancels a pending event. Cancelling an event that already ran or was cancelled is harmless.
    public mutating func cancel(_ id: EventID) {
        if id.sequence < nextSequence { cancelled.insert(id.sequence) }
    }

    /// The time of the earliest live event, or nil when none is pending.
    public var nextTime: SimInstant? {
        mutating get {
            discardCancelledTop()
            return heap.min.map { SimInstant(nanoseconds: $0.time) }
        }
    }

    /// Removes and returns the earliest live event if it is due at or before `limit`.
    @inlinable
    public mutating func popNext(notAfter limit: SimInstant = .distantFuture) -> (time: SimInstant, id: EventID, event: Event)? {
        while heap.count > 0, heap.storage[0].time <= limit.nanoseconds {
            let entry = heap.removeMin()
            if !cancelled.isEmpty, cancelled.remove(entry.sequence) != nil { continue }
            return (SimInstant(nanoseconds: entry.time), EventID(sequence: entry.sequence), entry.event)
        }
        return nil
    }

    mutating func discardCancelledTop() {
        guard !cancelled.isEmpty else { return }
        while let top = heap.min, cancelled.contains(top.sequence) {
            cancelled.remove(top.sequence)
            _ = heap.removeMin()
        }
    }
}

extension EventQueue: Sendable where Event: Sendable {}
