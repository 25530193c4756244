import Testing

@testable import SimCore

@Suite struct EventQueueCompactionTests {
    /// A timer re-armed again and again for a far instant, beside one due soon: the stale
    /// entries go, and what comes out is the same as without any cancellation.
    @Test(arguments: [1, 7, 50])
    func rearmedTimersLeaveNoStaleEntries(timers: Int) {
        var q = EventQueue<Int>()
        var armed: [Int: (id: EventID, time: Int64)] = [:]
        var largest = 0
        for round in 0..<400 {
            let timer = round % timers
            if let old = armed[timer] { q.cancel(old.id) }
            let time = Int64(1_000_000 + (round * 7919) % 5003)
            armed[timer] = (q.schedule(timer, at: .init(nanoseconds: time)), time)
            largest = max(largest, q.storedCount)
        }
        #expect(largest <= 2 * timers + 2 * EventQueue<Int>.compactionThreshold)
        let expected = armed.sorted { ($0.value.time, $0.value.id.sequence) < ($1.value.time, $1.value.id.sequence) }
        var out: [Int] = []
        while let e = q.popNext() { out.append(e.event) }
        #expect(out == expected.map(\.key))
    }

    @Test func compactingAfterAPopKeepsTheRest() {
        var q = EventQueue<Int>()
        var ids: [EventID] = []
        for i in 0..<20 { ids.append(q.schedule(i, at: .init(nanoseconds: Int64(100 - i)))) }
        #expect(q.popNext()?.event == 19)
        for id in ids[0..<10] { q.cancel(id) }
        var out: [Int] = []
        while let e = q.popNext() { out.append(e.event) }
        #expect(out == Array((10..<19).reversed()))
        #expect(q.storedCount == 0)
    }
}
