import EVSEModel
import SimCore
import Testing

@testable import RAPI

/// `$GP`: each ambient sensor reports its own reading (open_evse `processCmd()`, case `GP`).
@Suite struct SensorQueryTests {
    @Test("$GP: DS3231 and MCP9808 agree at rest and part under load")
    func twoSensors() throws {
        var profile = StationProfile()
        profile.temperatureSensors.ds3231 = TemperatureSensor(offsetCelsius: -2, timeConstant: .minutes(30))
        var rig = try FaceRig(profile: profile)
        rig.run(.seconds(1))
        #expect(rig.query("$GP") == "230 250 -2560")
        try rig.charge()
        rig.run(.minutes(15))
        let fields = rig.query("$GP").split(separator: " ").compactMap { Int($0) }
        try #require(fields.count == 3)
        #expect(fields[1] == Int((rig.station.temperatureCelsius * 10).rounded()))
        #expect(fields[0] == Int((rig.station.rtcTemperatureCelsius * 10).rounded()))
        #expect(fields[1] - fields[0] > 20, "\(fields)")
    }
}
