/// The station's kept log entries, oldest first, in a ring: dropping the oldest entries moves
/// nothing (an array's `removeFirst` moved the whole log every few thousand records, a tenth of
/// a day traced with every publication).
struct SystemLogRing: Sendable {
    /// The entries, `head` the oldest once the ring has wrapped; dropped slots are nil.
    private var slots: [SystemLogEntry?] = []
    private var head = 0
    /// How many entries are kept.
    private(set) var count = 0

    /// Adds `entry` after the newest one.
    mutating func append(_ entry: SystemLogEntry) {
        if count == slots.count { grow() }
        var index = head + count
        if index >= slots.count { index -= slots.count }
        slots[index] = entry
        count += 1
    }

    /// Drops the `k` oldest entries.
    mutating func dropOldest(_ k: Int) {
        for _ in 0..<min(k, count) {
            slots[head] = nil
            head += 1
            if head == slots.count { head = 0 }
            count -= 1
        }
    }

    /// Calls `body` with every entry, oldest first.
    func forEach(_ body: (SystemLogEntry) throws -> Void) rethrows {
        var index = head
        for _ in 0..<count {
            if let entry = slots[index] { try body(entry) }
            index += 1
            if index == slots.count { index = 0 }
        }
    }

    /// Makes half as much room again, laying the entries out oldest first again (by half, not
    /// double: a fleet's stations each keep a ring, on average a sixth empty rather than a quarter).
    private mutating func grow() {
        var larger: [SystemLogEntry?] = []
        larger.reserveCapacity(max(8, slots.count + slots.count / 2))
        forEach { larger.append($0) }
        larger.append(contentsOf: repeatElement(nil, count: larger.capacity - larger.count))
        slots = larger
        head = 0
    }
}
