import SimCore

/// Events per second through the future-event list with a steady population of pending events.
public enum EngineBenchmark {
    /// Pops the earliest of `pending` events and schedules a replacement, `operations` times.
    /// Returns events per second (best of `repeats`).
    public static func run(pending: Int = 1000, operations: Int = 20_000_000, repeats: Int = 3) -> BenchmarkResult {
        var best = 0.0
        for r in 0..<repeats {
            var queue = EventQueue<Int>()
            var rng = RandomStream(seed: UInt64(r), name: "bench")
            for i in 0..<pending { queue.schedule(i, at: .zero + .nanoseconds(Int64(rng.next() & 0xF_FFFF))) }
            var checksum = 0
            let start = ContinuousClock.now
            for _ in 0..<operations {
                guard let e = queue.popNext() else { break }
                checksum &+= e.event
                queue.schedule(e.event, at: e.time + .nanoseconds(Int64(rng.next() & 0xF_FFFF)))
            }
            let seconds = (ContinuousClock.now - start).secondsDouble
            precondition(checksum != .min)  // keeps the loop from being optimised away
            best = max(best, Double(operations) / seconds)
        }
        return BenchmarkResult(
            name: "engine events/s (\(pending) pending)", value: best, unit: "events/s", goal: "> 20 M/s",
            met: best > 20e6,
            method:
                "pop the earliest of \(pending) pending events and schedule one at a random later time, \(operations / 1_000_000) M times; best of \(repeats)"
        )
    }
}
