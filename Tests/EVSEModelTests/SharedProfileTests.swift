import Testing

@testable import EVSEModel

/// Values made one after the other share one box; stations read their own profiles whichever
/// box they got, and a change to one station's EV profile stays that station's.
@Suite struct SharedProfileTests {
    @Test func equalValuesInARowShareOneBox() {
        let slot = SharingSlot<[Int]>()
        let a = slot.share([1, 2])
        let b = slot.share([1, 2])
        let c = slot.share([3])
        let d = slot.share([1, 2])
        #expect(a === b)
        #expect(c !== a)
        #expect(d !== a)
        #expect([a.value, c.value, d.value] == [[1, 2], [3], [1, 2]])
    }

    @Test func stationsReadTheirOwnProfiles() {
        var other = StationProfile()
        other.configuredMaxAmps = 16
        let a = Station(profile: StationProfile(), vehicle: VehicleProfile(), seed: 1, name: "a")
        let c = Station(profile: other, vehicle: VehicleProfile(), seed: 1, name: "c")
        #expect(a.profile == StationProfile())
        #expect(c.profile == other)
    }

    @Test func changingOneStationsEVProfileLeavesTheOthers() {
        var a = Station(profile: StationProfile(), vehicle: VehicleProfile(), seed: 1, name: "a")
        let b = Station(profile: StationProfile(), vehicle: VehicleProfile(), seed: 1, name: "b")
        a.apply(.setTargetSoc(0.42))
        #expect(a.vehicleProfile.targetSoc == 0.42)
        #expect(b.vehicleProfile == VehicleProfile())
    }
}
