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
    /// The last popped event is still at the top of the heap: the next `schedule` replaces it
    /// (one sift instead of two), anything else removes it first.
    @usableFromInline var topIsPopped = false
    @usableFromInline var nextSequence: UInt64 = 0
    @usableFromInline var cancelled = Set<UInt64>()
    /// The sequence of the top entry last found not cancelled (`UInt64.max` for none): asking
    /// for the next time again, as a fleet does for every station it re-files, then skips the
    /// hash lookup until the top changes or that entry is cancelled. Sequences are unique.
    @usableFromInline var liveTop = UInt64.max

    /// Creates an empty queue.
    public init() {}

    /// Number of entries held, including cancelled ones not yet discarded.
    public var storedCount: Int { heap.count - (topIsPopped ? 1 : 0) }

    /// Whether no live event is pending.
    public var isEmpty: Bool { mutating get { nextTime == nil } }

    /// Adds an event at `time`; events at the same time run in the order they were scheduled.
    @inlinable @discardableResult
    public mutating func schedule(_ event: Event, at time: SimInstant) -> EventID {
        let seq = nextSequence
        nextSequence &+= 1
        let entry = EventHeap<Event>.Entry(time: time.nanoseconds, sequence: seq, event: event)
        if topIsPopped {
            topIsPopped = false
            heap.replaceMin(entry)
        } else {
            heap.insert(entry)
        }
        return EventID(sequence: seq)
    }

    /// Cancels a pending event. Cancelling an event that already ran or was cancelled is harmless.
    public mutating func cancel(_ id: EventID) {
        guard id.sequence < nextSequence else { return }
        cancelled.insert(id.sequence)
        if id.sequence == liveTop { liveTop = .max }
        if cancelled.count >= Self.compactionThreshold, cancelled.count * 2 >= heap.count { compact() }
    }

    /// How many cancellations wait before ``compact()`` may run.
    static var compactionThreshold: Int { 8 }

    /// Drops every cancelled entry at once. Cancelled entries otherwise leave only when they
    /// reach the top: a timer re-armed every few seconds for a far instant (a station's battery
    /// or thermal threshold) piled up stale entries and their ids for as long as it ran. Keys
    /// are unique, so the order events come out in is the same.
    mutating func compact() {
        settlePop()
        var live = ContiguousArray<EventHeap<Event>.Entry>()
        // Counted first so the array fits (each station keeps it); `cancelled` may also hold
        // ids of events that had already run, so its size says nothing.
        var liveCount = 0
        for entry in heap.storage where !cancelled.contains(entry.sequence) { liveCount += 1 }
        live.reserveCapacity(liveCount)
        for entry in heap.storage where !cancelled.contains(entry.sequence) { live.append(entry) }
        // Sorted by key, an array is a heap.
        live.sort { $0.key < $1.key }
        heap.storage = live
        // Every cancelled id was dropped above or had already left the heap.
        cancelled = []
    }

    /// The time of the earliest live event, or nil when none is pending.
    @inlinable
    public var nextTime: SimInstant? {
        mutating get {
            settlePop()
            discardCancelledTop()
            return heap.min.map { SimInstant(nanoseconds: $0.time) }
        }
    }

    /// Removes and returns the earliest live event if it is due at or before `limit`.
    @inlinable
    public mutating func popNext(notAfter limit: SimInstant = .distantFuture) -> (
        time: SimInstant, id: EventID, event: Event
    )? {
        settlePop()
        while heap.count > 0, heap.storage[0].time <= limit.nanoseconds {
            let entry = heap.storage[0]
            if !cancelled.isEmpty, cancelled.remove(entry.sequence) != nil {
                _ = heap.removeMin()
                continue
            }
            topIsPopped = true
            return (SimInstant(nanoseconds: entry.time), EventID(sequence: entry.sequence), entry.event)
        }
        return nil
    }

    /// Removes an event popped but not yet replaced.
    @inlinable
    mutating func settlePop() {
        if topIsPopped {
            topIsPopped = false
            let popped = heap.removeMin()
            if !cancelled.isEmpty { cancelled.remove(popped.sequence) }
        }
    }

    @inlinable
    mutating func discardCancelledTop() {
        guard !cancelled.isEmpty, let first = heap.min, first.sequence != liveTop else { return }
        while let top = heap.min, cancelled.contains(top.sequence) {
            cancelled.remove(top.sequence)
            _ = heap.removeMin()
        }
        liveTop = heap.min?.sequence ?? .max
    }
}

extension EventQueue: Sendable where Event: Sendable {}
