import Testing

@testable import SimCore

/// `nextTime` remembers the top it found live; these check that a later cancellation or an
/// earlier event still shows.
@Suite struct EventQueueNextTimeTests {
    private func at(_ n: Int64) -> SimInstant { .init(nanoseconds: n) }

    @Test func cancellingTheTopAfterAskingShowsTheNext() {
        var q = EventQueue<Int>()
        let stale = q.schedule(0, at: at(5))
        q.cancel(stale)  // something cancelled, so the top is checked
        let first = q.schedule(1, at: at(10))
        _ = q.schedule(2, at: at(20))
        #expect(q.nextTime == at(10))
        #expect(q.nextTime == at(10))
        q.cancel(first)
        #expect(q.nextTime == at(20))
        #expect(q.popNext()?.event == 2)
        #expect(q.nextTime == nil)
    }

    @Test func anEarlierEventAfterAskingComesFirst() {
        var q = EventQueue<Int>()
        q.cancel(q.schedule(0, at: at(1)))
        _ = q.schedule(1, at: at(10))
        #expect(q.nextTime == at(10))
        let earlier = q.schedule(2, at: at(3))
        #expect(q.nextTime == at(3))
        q.cancel(earlier)
        #expect(q.nextTime == at(10))
        #expect(q.popNext()?.event == 1)
    }

    /// Random schedules, cancellations and pops against a plain sorted list.
    @Test(arguments: [1, 2, 3]) func matchesASortedList(seed: UInt64) {
        var rng = RandomStream(seed: seed, name: "event-queue")
        var q = EventQueue<Int>()
        var model: [(time: Int64, seq: UInt64, id: EventID)] = []
        for step in 0..<2_000 {
            switch rng.next() % 4 {
            case 0, 1:
                let time = Int64(rng.next() % 1_000)
                let id = q.schedule(step, at: at(time))
                model.append((time, id.sequence, id))
            case 2 where !model.isEmpty:
                let victim = Int(rng.next() % UInt64(model.count))
                q.cancel(model.remove(at: victim).id)
            default:
                model.sort { ($0.time, $0.seq) < ($1.time, $1.seq) }
                if let popped = q.popNext() {
                    #expect(popped.id == model.removeFirst().id)
                } else {
                    #expect(model.isEmpty)
                }
            }
            #expect(q.nextTime.map(\.nanoseconds) == model.map(\.time).min())
        }
    }
}
