import EVSEModel
import SimCore
import Testing

@testable import EverestAPI

@Suite("EVerest face: the UK random delay in session_info (EvseManager energyImpl, API SessionInfo)")
struct EverestFaceRandomDelayTests {
    private func remaining(_ rig: FaceRig) throws -> Int? {
        try rig.sessionInfo()["uk_random_delay"]?["remaining_s"]?.number.map { Int($0) }
    }

    @Test("set_limit_amps starts a delay that holds the old limit and counts down; cancel ends it")
    func countdownAndCancel() throws {
        var rig = FaceRig.ukDelay()
        rig.charge()
        #expect(rig.draws(32))
        #expect(try rig.sessionInfo()["uk_random_delay"] == nil)

        rig.send(.setLimitAmps, "10")
        rig.run(seconds: 1)
        let first = try #require(try remaining(rig))
        try #require(first >= 3, "seed 7 should draw a delay of a few seconds at least")
        let delay = try #require(try rig.sessionInfo()["uk_random_delay"])
        #expect(delay["current_limit_during_delay_A"]?.number == 32)
        #expect(delay["current_limit_after_delay_A"]?.number == 10)
        #expect(delay["start_time"]?.string?.hasSuffix("Z") == true)
        #expect(try rig.latest(.limits)["max_current"]?.number == 32)
        #expect(rig.draws(32))

        rig.run(seconds: 1)
        #expect(try remaining(rig) == first - 1)
        rig.run(seconds: 1)
        #expect(try remaining(rig) == first - 2)

        rig.send(.ukRandomDelay, "cancel")
        rig.run(seconds: 3)
        #expect(try rig.sessionInfo()["uk_random_delay"] == nil)
        #expect(try rig.latest(.limits)["max_current"]?.number == 10)
        #expect(rig.draws(10))
    }

    @Test("a delay runs out by itself and the requested limit applies")
    func runsOut() throws {
        var rig = FaceRig.ukDelay()
        rig.send(.ukRandomDelaySetMaxDuration, "8")
        rig.charge()
        rig.send(.setLimitAmps, "12")
        var seen: [Int] = []
        for _ in 0..<12 {
            rig.run(seconds: 1)
            if let left = try remaining(rig) { seen.append(left) }
        }
        try #require(!seen.isEmpty, "seed 7 should draw a delay of at least a second")
        // Whole seconds, one less every second, never reaching the maximum.
        #expect(zip(seen, seen.dropFirst()).allSatisfy { $0 - $1 == 1 })
        #expect(seen.allSatisfy { (1...7).contains($0) })
        #expect(try rig.sessionInfo()["uk_random_delay"] == nil)
        #expect(rig.draws(12))
    }

    @Test("uk_random_delay_set_max_duration_s bounds every delay drawn")
    func maxDurationBoundsDelays() throws {
        var longest: [Int] = []
        for seed: UInt64 in 1...6 {
            var rig = FaceRig.ukDelay(seed: seed)
            rig.send(.ukRandomDelaySetMaxDuration, "5")
            rig.charge()
            for amps in [20, 10, 25, 8] {
                rig.send(.setLimitAmps, String(amps))
                rig.run(seconds: 1)
                longest.append(try remaining(rig) ?? 0)
                rig.send(.ukRandomDelay, "cancel")
                rig.run(seconds: 2)
            }
        }
        // Delays of 0…4 s, and 24 draws are not all zero.
        #expect(longest.allSatisfy { $0 < 5 })
        #expect(longest.contains { $0 > 0 })
    }

    @Test("without the delay feature a limit change applies at once")
    func disabledFeature() throws {
        var rig = FaceRig.ukDelay()
        rig.send(.ukRandomDelay, "disable")
        rig.charge()
        rig.send(.setLimitAmps, "10")
        rig.run(seconds: 2)
        #expect(try rig.sessionInfo()["uk_random_delay"] == nil)
        #expect(rig.draws(10))
    }

    @Test(
        "disabling during a delay: documented drops the object, everest-2026 keeps the stale one",
        arguments: EverestAPIFlavor.allCases)
    func disableDuringDelay(flavor: EverestAPIFlavor) throws {
        var rig = FaceRig.ukDelay(flavor: flavor)
        rig.charge()
        rig.send(.setLimitAmps, "10")
        rig.run(seconds: 1)
        let before = try #require(try remaining(rig))
        try #require(before >= 3)
        rig.send(.ukRandomDelay, "disable")
        rig.run(seconds: 2)
        #expect(rig.draws(10))
        switch flavor {
        case .documented: #expect(try remaining(rig) == nil)
        case .everest: #expect(try remaining(rig) == before)
        }
    }
}
