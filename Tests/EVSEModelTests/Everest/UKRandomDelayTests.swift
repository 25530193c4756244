import SimCore
import Testing

@testable import EVSEModel

@Suite("UK random delay (EvseManager energyImpl::handle_enforce_limits)")
struct UKRandomDelayTests {
    private let longAgo = SimDuration.hours(1)

    private func makeDelay(seed: UInt64 = 7, max: Int = 600, atAnyChange: Bool = true) -> UKRandomDelay {
        UKRandomDelay(
            configuration: .init(enabled: true, maxDurationSeconds: max, atAnyChange: atAnyChange),
            random: RandomStream(seed: seed, name: "uk-delay"))
    }

    /// What EvseManager's `rand() % max` gives for the n-th draw of this seed.
    private func expectedDraw(seed: UInt64, max: Int, index: Int = 0) -> Int64 {
        var stream = RandomStream(seed: seed, name: "uk-delay")
        var value: UInt64 = 0
        for _ in 0...index { value = stream.next() >> 33 }
        return Int64(value % UInt64(max))
    }

    private func t(_ seconds: Int64) -> SimInstant { .zero + .seconds(seconds) }

    @Test("off by default: limits pass through and no countdown is published")
    func offByDefault() {
        var delay = UKRandomDelay(random: RandomStream(seed: 1, name: "uk-delay"))
        #expect(!delay.isEnabled)
        #expect(delay.maxDurationSeconds == 600)
        let decision = delay.enforce(requestedLimitA: 16, at: t(0), chargerPhase: .charging, timeSinceReady: longAgo)
        #expect(decision.appliedLimitA == 16)
        #expect(decision.countdown == nil)
        #expect(!delay.isRunning)
    }

    @Test("a change starts a delay of rand() % max seconds, reproducible for a seed")
    func seededReproducibility() {
        var first = makeDelay(seed: 42)
        var second = makeDelay(seed: 42)
        let a = first.enforce(requestedLimitA: 16, at: t(10), chargerPhase: .charging, timeSinceReady: longAgo)
        let b = second.enforce(requestedLimitA: 16, at: t(10), chargerPhase: .charging, timeSinceReady: longAgo)
        #expect(a == b)
        #expect(a.startedDelay == .seconds(expectedDraw(seed: 42, max: 600)))
        #expect(first.endsAt == t(10) + .seconds(expectedDraw(seed: 42, max: 600)))
    }

    @Test("another seed draws another delay")
    func differentSeed() {
        var delays: Set<SimDuration?> = []
        for seed: UInt64 in 1...4 {
            var delay = makeDelay(seed: seed)
            delays.insert(
                delay.enforce(requestedLimitA: 16, at: t(0), chargerPhase: .charging, timeSinceReady: longAgo)
                    .startedDelay)
        }
        #expect(delays.count > 1)
    }

    @Test("the countdown runs down, the held limit applies one tick past the end, then the new limit")
    func countdownSequence() throws {
        let seed: UInt64 = 3
        let length = expectedDraw(seed: seed, max: 600)
        try #require(length > 2)
        var delay = makeDelay(seed: seed)
        let start = delay.enforce(requestedLimitA: 16, at: t(100), chargerPhase: .charging, timeSinceReady: longAgo)
        #expect(start.appliedLimitA == 0)
        #expect(
            start.countdown
                == UKRandomDelayCountdown(
                    countdownSeconds: Int(length), currentLimitAfterDelayA: 16, currentLimitDuringDelayA: 0,
                    startTime: t(100)))
        for elapsed in [1, length / 2, length - 1] {
            let tick = delay.enforce(
                requestedLimitA: 16, at: t(100 + elapsed), chargerPhase: .charging, timeSinceReady: longAgo)
            #expect(tick.appliedLimitA == 0)
            #expect(tick.countdown?.countdownSeconds == Int(length - elapsed))
        }
        // Half a second before the end, truncation already shows 0 and ends the delay.
        let end = try #require(delay.endsAt)
        let last = delay.enforce(
            requestedLimitA: 16, at: end - .milliseconds(500), chargerPhase: .charging, timeSinceReady: longAgo)
        #expect(last.appliedLimitA == 0, "the held limit is still used on the elapsing tick")
        #expect(
            last.countdown
                == UKRandomDelayCountdown(countdownSeconds: 0, currentLimitAfterDelayA: 16, currentLimitDuringDelayA: 0)
        )
        #expect(!delay.isRunning)
        let after = delay.enforce(requestedLimitA: 16, at: end, chargerPhase: .charging, timeSinceReady: longAgo)
        #expect(after.appliedLimitA == 16)
        #expect(after.countdown?.countdownSeconds == 0)
        #expect(after.countdown?.currentLimitDuringDelayA == 0, "the previous held limit is still published")
    }

    @Test("a zero-length delay holds the old limit for exactly one enforcement")
    func zeroLengthDelay() {
        var delay = makeDelay(max: 1)  // rand() % 1 is always 0
        _ = delay.enforce(requestedLimitA: 10, at: t(0), chargerPhase: .other, timeSinceReady: longAgo)
        let first = delay.enforce(requestedLimitA: 20, at: t(1), chargerPhase: .charging, timeSinceReady: longAgo)
        #expect(first.startedDelay == .zero)
        #expect(first.appliedLimitA == 10)
        #expect(first.countdown?.countdownSeconds == 0)
        let second = delay.enforce(requestedLimitA: 20, at: t(1), chargerPhase: .charging, timeSinceReady: longAgo)
        #expect(second.appliedLimitA == 20)
        #expect(second.startedDelay == nil)
    }

    @Test("cancel ends the running delay now without affecting the next one")
    func cancel() throws {
        var delay = makeDelay(seed: 3)
        _ = delay.enforce(requestedLimitA: 16, at: t(0), chargerPhase: .charging, timeSinceReady: longAgo)
        try #require(delay.isRunning)
        delay.cancel()
        #expect(!delay.isRunning)
        #expect(delay.endsAt == nil)
        let next = delay.enforce(requestedLimitA: 16, at: t(1), chargerPhase: .charging, timeSinceReady: longAgo)
        #expect(next.appliedLimitA == 16)
        let change = delay.enforce(requestedLimitA: 8, at: t(2), chargerPhase: .charging, timeSinceReady: longAgo)
        #expect(change.startedDelay == .seconds(expectedDraw(seed: 3, max: 600, index: 1)))
    }

    @Test("changes during a delay do not restart it; it ends directly at the newest request")
    func changesDuringDelay() throws {
        var delay = makeDelay(seed: 3)
        _ = delay.enforce(requestedLimitA: 16, at: t(0), chargerPhase: .charging, timeSinceReady: longAgo)
        let end = try #require(delay.endsAt)
        try #require(end > t(3))
        for (second, limit) in [(1, 10.0), (2, 32.0), (3, 6.0)] {
            let tick = delay.enforce(
                requestedLimitA: limit, at: t(Int64(second)), chargerPhase: .charging, timeSinceReady: longAgo)
            #expect(tick.startedDelay == nil)
            #expect(tick.appliedLimitA == 0)
            #expect(tick.countdown?.currentLimitAfterDelayA == limit)
        }
        #expect(delay.endsAt == end)
        _ = delay.enforce(requestedLimitA: 6, at: end, chargerPhase: .charging, timeSinceReady: longAgo)
        let after = delay.enforce(
            requestedLimitA: 6, at: end + .seconds(1), chargerPhase: .charging, timeSinceReady: longAgo)
        #expect(after.appliedLimitA == 6)
        #expect(after.startedDelay == nil)
    }

    @Test("with at_any_change off only changes to or from zero start a delay")
    func atAnyChangeOff() {
        var delay = makeDelay(max: 1, atAnyChange: false)
        let phase = UKRandomDelay.ChargerPhase.charging
        let steps: [(limit: Double, starts: Bool)] = [
            (16, true), (10, false), (10.05, false), (0, true), (0.05, false), (6, true),
        ]
        for (i, step) in steps.enumerated() {
            let decision = delay.enforce(
                requestedLimitA: step.limit, at: t(Int64(10 * i)), chargerPhase: phase, timeSinceReady: longAgo)
            #expect((decision.startedDelay != nil) == step.starts, "step \(i): \(step.limit) A")
        }
    }

    @Test("with at_any_change on, changes below 0.1 A are ignored")
    func smallChangesIgnored() {
        var delay = makeDelay(max: 1)
        _ = delay.enforce(requestedLimitA: 16, at: t(0), chargerPhase: .charging, timeSinceReady: longAgo)
        _ = delay.enforce(requestedLimitA: 16, at: t(1), chargerPhase: .charging, timeSinceReady: longAgo)
        let small = delay.enforce(requestedLimitA: 16.09, at: t(2), chargerPhase: .charging, timeSinceReady: longAgo)
        #expect(small.startedDelay == nil)
        let large = delay.enforce(requestedLimitA: 16.2, at: t(3), chargerPhase: .charging, timeSinceReady: longAgo)
        #expect(large.startedDelay != nil)
    }

    @Test("restart with an EV attached holds 0 A even when the limit did not change")
    func startupWithEVAttached() {
        var delay = UKRandomDelay(
            configuration: .init(enabled: false), random: RandomStream(seed: 3, name: "uk-delay"))
        // L_last is tracked while the feature is off.
        _ = delay.enforce(requestedLimitA: 16, at: t(0), chargerPhase: .charging, timeSinceReady: longAgo)
        delay.enable()
        let decision = delay.enforce(
            requestedLimitA: 16, at: t(1), chargerPhase: .charging, timeSinceReady: .seconds(2))
        #expect(decision.startedDelay != nil)
        #expect(decision.appliedLimitA == 0)
        #expect(decision.countdown?.currentLimitDuringDelayA == 0)

        var idle = makeDelay()
        _ = idle.enforce(requestedLimitA: 16, at: t(0), chargerPhase: .other, timeSinceReady: longAgo)
        _ = idle.enforce(requestedLimitA: 16, at: t(1), chargerPhase: .other, timeSinceReady: longAgo)
        let noEV = idle.enforce(requestedLimitA: 16, at: t(2), chargerPhase: .other, timeSinceReady: .seconds(2))
        #expect(noEV.startedDelay == nil)
    }

    @Test("leaving the charging states drops a running delay")
    func otherStateDropsDelay() throws {
        var delay = makeDelay(seed: 3)
        _ = delay.enforce(requestedLimitA: 16, at: t(0), chargerPhase: .charging, timeSinceReady: longAgo)
        try #require(delay.isRunning)
        let decision = delay.enforce(requestedLimitA: 16, at: t(1), chargerPhase: .other, timeSinceReady: longAgo)
        #expect(decision.appliedLimitA == 16)
        #expect(!delay.isRunning)
    }

    @Test("disable and enable drop a running delay; disabling stops publishing")
    func enableDisable() throws {
        var delay = makeDelay(seed: 3)
        _ = delay.enforce(requestedLimitA: 16, at: t(0), chargerPhase: .charging, timeSinceReady: longAgo)
        try #require(delay.isRunning)
        delay.disable()
        #expect(!delay.isRunning)
        #expect(
            delay.enforce(requestedLimitA: 8, at: t(1), chargerPhase: .charging, timeSinceReady: longAgo).countdown
                == nil)
        delay.enable()
        #expect(delay.isEnabled)
        #expect(!delay.isRunning)
    }

    @Test("set_duration_s: 0 means no delay instead of a crash; negative values act like their magnitude")
    func maxDurationEdgeCases() {
        var zero = makeDelay()
        zero.setMaxDuration(seconds: 0)
        let decision = zero.enforce(requestedLimitA: 16, at: t(0), chargerPhase: .charging, timeSinceReady: longAgo)
        #expect(decision.startedDelay == nil)
        #expect(decision.appliedLimitA == 16)

        var negative = makeDelay(seed: 9)
        negative.setMaxDuration(seconds: -10)
        let started = negative.enforce(requestedLimitA: 16, at: t(0), chargerPhase: .charging, timeSinceReady: longAgo)
        #expect(started.startedDelay == .seconds(expectedDraw(seed: 9, max: 10)))
    }
}
