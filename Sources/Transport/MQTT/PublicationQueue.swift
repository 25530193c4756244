/// A bounded first-in first-out queue that drops its oldest element when full.
///
/// Publications made while the broker is away wait here and go out in order on reconnect;
/// when the outage outlasts the capacity, the newest telemetry is kept and ``droppedCount``
/// says how much was lost.
public struct PublicationQueue<Element>: Sendable where Element: Sendable {
    /// The most elements held at once.
    public let capacity: Int
    /// How many elements were dropped to make room, ever.
    public private(set) var droppedCount = 0
    private var storage: [Element] = []
    private var head = 0

    /// Creates an empty queue that holds at most `capacity` elements (at least one).
    public init(capacity: Int) {
        precondition(capacity > 0, "a publication queue needs room for at least one element")
        self.capacity = capacity
    }

    /// Number of elements waiting.
    public var count: Int { storage.count - head }

    /// Whether nothing waits.
    public var isEmpty: Bool { count == 0 }

    /// The oldest element, if any.
    public var first: Element? { head < storage.count ? storage[head] : nil }

    /// Adds `element` at the back, dropping the oldest element first when full.
    public mutating func append(_ element: Element) {
        if count == capacity {
            head += 1
            droppedCount += 1
        }
        storage.append(element)
        compact()
    }

    /// Puts `element` back at the front (it was taken but could not be sent). When full, the
    /// newest element is dropped instead, so what goes out is still in order.
    public mutating func prepend(_ element: Element) {
        if count == capacity {
            storage.removeLast()
            droppedCount += 1
        }
        if head > 0 {
            head -= 1
            storage[head] = element
        } else {
            storage.insert(element, at: 0)
        }
    }

    /// Removes and returns the oldest element.
    public mutating func popFirst() -> Element? {
        guard head < storage.count else { return nil }
        let element = storage[head]
        head += 1
        compact()
        return element
    }

    /// The waiting elements, oldest first.
    public var elements: [Element] { Array(storage[head...]) }

    private mutating func compact() {
        if head == storage.count {
            storage.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 32, head * 2 > storage.count {
            storage.removeFirst(head)
            head = 0
        }
    }
}
