import SimCore
import Testing

@testable import EVSEModel

@Suite struct SessionTests {
    static func station(_ tweak: (inout StationProfile, inout VehicleProfile) -> Void = { _, _ in }) -> Station {
        var p = StationProfile()
        var v = VehicleProfile()
        tweak(&p, &v)
        return Station(profile: p, vehicle: v, seed: 1)
    }

    @Test func plugInChargesAtTheOfferedCurrent() {
        var s = Self.station()
        s.run(until: .zero + .milliseconds(25))
        #expect(s.controller.state == .a)
        s.apply(.plug)
        s.run(until: .zero + .seconds(10))
        #expect(s.controller.state == .c)
        #expect(s.relay.closed)
        #expect(s.pilotSignal == .pwm(dutyPercent: 53.2))
        #expect(abs(s.flowingAmps - 31.92) < 1e-9)
        let records = s.drainEvents().map(\.record)
        #expect(records.count > 5)
    }
}
