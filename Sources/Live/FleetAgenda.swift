import SimCore

/// The next instant of every station of a fleet, kept in a binary min-heap indexed by station
/// position, so the fleet finds what is due next in O(1) and re-files a station that changed
/// in O(log n) — a loop pass costs the work of what is due, not a scan of every station.
///
/// Ties break on the position, so at one instant lower positions go first, as they always have.
struct FleetAgenda {
    /// Heap of positions ordered by (time, position).
    private var heap: [Int] = []
    /// Each position's slot in `heap`, or -1 when it has no time.
    private var slot: [Int]
    /// Each position's time (meaningful while it is in the heap).
    private var times: [SimInstant]

    /// An empty agenda for `count` stations.
    init(count: Int) {
        slot = Array(repeating: -1, count: count)
        times = Array(repeating: .distantFuture, count: count)
        heap.reserveCapacity(count)
    }

    /// The earliest (time, position), if any station has a time.
    var first: (time: SimInstant, position: Int)? {
        heap.first.map { (times[$0], $0) }
    }

    /// Files `position` at `time`, or takes it out with nil.
    mutating func set(_ position: Int, _ time: SimInstant?) {
        let at = slot[position]
        guard let time else {
            if at >= 0 { remove(at: at) }
            return
        }
        if at < 0 {
            times[position] = time
            heap.append(position)
            slot[position] = heap.count - 1
            siftUp(heap.count - 1)
            return
        }
        let old = times[position]
        times[position] = time
        if time < old { siftUp(at) } else if time > old { siftDown(at) }
    }

    private func precedes(_ a: Int, _ b: Int) -> Bool {
        times[a] < times[b] || (times[a] == times[b] && a < b)
    }

    private mutating func remove(at index: Int) {
        let position = heap[index]
        let last = heap.removeLast()
        slot[position] = -1
        guard index < heap.count else { return }
        heap[index] = last
        slot[last] = index
        siftUp(index)
        siftDown(slot[last])
    }

    private mutating func siftUp(_ start: Int) {
        var index = start
        let moving = heap[index]
        while index > 0 {
            let parent = (index - 1) / 2
            guard precedes(moving, heap[parent]) else { break }
            heap[index] = heap[parent]
            slot[heap[index]] = index
            index = parent
        }
        heap[index] = moving
        slot[moving] = index
    }

    private mutating func siftDown(_ start: Int) {
        var index = start
        let moving = heap[index]
        let count = heap.count
        while true {
            let left = 2 * index + 1
            guard left < count else { break }
            var child = left
            if left + 1 < count, precedes(heap[left + 1], heap[left]) { child = left + 1 }
            guard precedes(heap[child], moving) else { break }
            heap[index] = heap[child]
            slot[heap[index]] = index
            index = child
        }
        heap[index] = moving
        slot[moving] = index
    }
}
