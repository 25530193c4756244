import SimCore
import Testing

@testable import EVSEModel

/// The two ambient sensors of an OpenEVSE board, each at its own place (open_evse `$GP`,
/// `TempMonitor`, `J1772EVSEController::Update()`).
@Suite struct TemperatureSensorTests {
    private static func rig(ambient: Double = 25, ds3231: TemperatureSensor? = nil) -> Rig {
        Rig { p, _ in
            p.ambientCelsius = ambient
            if let ds3231 { p.temperatureSensors.ds3231 = ds3231 }
        }
    }

    @Test("at rest both read the ambient; under load the DS3231, away from the relay, lags behind")
    func sensorsMoveApart() {
        var r = Self.rig()
        #expect(r.s.temperatureCelsius == 25)
        #expect(r.s.rtcTemperatureCelsius == 25)
        r.charge()
        r.run(.minutes(10))
        let mcp = r.s.temperatureCelsius
        let ds = r.s.rtcTemperatureCelsius
        #expect(mcp > ds + 1, "MCP9808 \(mcp) °C, DS3231 \(ds) °C")
        r.s.apply(.unplug)
        r.run(.minutes(20))
        #expect(r.s.rtcTemperatureCelsius > r.s.temperatureCelsius, "cooling, the slower sensor stays warmer")
    }

    @Test("each sensor has its own offset")
    func offsets() {
        var r = Self.rig(ds3231: TemperatureSensor(offsetCelsius: -3, timeConstant: .minutes(20)))
        r.run(.seconds(1))
        #expect(r.s.temperatureCelsius == 25)
        #expect(r.s.rtcTemperatureCelsius == 22)
    }

    @Test("any sensor reaching a level throttles: a DS3231 reading 5 °C high trips first")
    func hotterSensorTrips() {
        var hot = Self.rig(ambient: 60, ds3231: TemperatureSensor(offsetCelsius: 5, timeConstant: nil))
        var plain = Self.rig(ambient: 60, ds3231: TemperatureSensor(offsetCelsius: 0, timeConstant: nil))
        hot.charge()
        plain.charge()
        hot.run(.minutes(2))
        plain.run(.minutes(2))
        #expect(hot.s.controller.throttleStage == 1, "the DS3231 read 65 °C first")
        #expect(plain.s.controller.throttleStage == 0)
        #expect(hot.s.temperatureCelsius < 65)
    }

    @Test("a restore waits until every sensor is back below the level")
    func restoreWaitsForTheSlowSensor() throws {
        var r = Self.rig(ambient: 60, ds3231: TemperatureSensor(offsetCelsius: 0, timeConstant: .hours(1)))
        r.charge()
        var waited = SimDuration.zero
        while r.s.controller.throttleStage == 0, waited < .hours(2) {
            r.run(.seconds(10))
            waited = waited + .seconds(10)
        }
        try #require(r.s.controller.throttleStage == 1)
        // Throttled, the enclosure settles toward 63.07 °C; the slow DS3231 gets there too.
        r.run(.hours(3))
        try #require(r.s.rtcTemperatureCelsius > r.s.profile.restoreCelsius)
        r.s.apply(.setAmbient(celsius: 20))
        while r.s.temperatureCelsius > r.s.profile.restoreCelsius { r.run(.seconds(10)) }
        #expect(r.s.rtcTemperatureCelsius > r.s.profile.restoreCelsius)
        #expect(r.s.controller.throttleStage == 1, "the MCP9808 alone is not enough")
        while r.s.rtcTemperatureCelsius > r.s.profile.restoreCelsius { r.run(.seconds(10)) }
        #expect(r.s.controller.throttleStage == 0)
    }
}
