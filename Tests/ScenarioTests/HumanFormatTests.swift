import SimCore
import Testing

@testable import Scenario

/// Verdict lines at the precision a person reads; the exact values stay in the verdict itself.
@Suite struct HumanFormatTests {
    @Test(arguments: [
        ("met after 2h57m35.016221532s", "met after 2h57m35.016s"),
        ("expected session.energy ≥ 10000, found 11620.612345678", "expected session.energy ≥ 10000, found 11620.6"),
        ("found 30.833333333333332", "found 30.8333"),
        ("found 0.80000000000000004", "found 0.8"),
        ("found 0.000123456789", "found 0.000123457"),
        ("found 123456789.5", "found 123456790"),
        ("published at t+12.600000001s", "published at t+12.6s"),
        ("met after 16221532ns.", "met after 16ms."),
        ("met after 250us", "met after 250us"),
        ("expected $OK 8.2.3 5.2.1, got $OK 8.2.3 5.2.1", "expected $OK 8.2.3 5.2.1, got $OK 8.2.3 5.2.1"),
        ("expected relay open, found closed", "expected relay open, found closed"),
        ("found -3.14159265", "found -3.14159"),
        ("held over 1h30m", "held over 1h30m"),
    ])
    func rounds(text: String, expected: String) {
        #expect(HumanFormat.text(text) == expected)
    }

    @Test func durationsAndInstantsRoundToTheMillisecond() {
        #expect(HumanFormat.duration(SimDuration(nanoseconds: 10_668_691_221_532)) == "2h57m48.691s")
        #expect(HumanFormat.duration(SimDuration(nanoseconds: 1_999_600_000)) == "2s")
        #expect(HumanFormat.duration(SimDuration(nanoseconds: 400)) == "400ns")
        #expect(HumanFormat.instant(SimInstant.zero + SimDuration(nanoseconds: 12_600_000_001)) == "t+12.6s")
    }
}
