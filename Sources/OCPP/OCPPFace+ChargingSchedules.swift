public import EVSEModel
public import SimCore

/// The composite schedules the OCPP module publishes as its `charging_schedules` variable, which
/// the API module forwards on `everest_api/ocpp/var/charging_schedules` (everest-core
/// `modules/EVSE/OCPP/OCPP.cpp`, `publish_charging_schedules()`).
extension OCPPFace {
    /// The module's `PublishChargingScheduleIntervalS` (default 30; everest-core
    /// `modules/EVSE/OCPP/manifest.yaml`).
    public static let chargingSchedulesInterval = SimDuration.seconds(30)
    /// The module's `PublishChargingScheduleDurationS` (default 600).
    public static let chargingSchedulesDuration = 600

    /// The schedules the module publishes now, if it does: at start-up, after an accepted
    /// SetChargingProfile, and every ``chargingSchedulesInterval`` otherwise; nil between.
    ///
    /// One schedule per connector (0 and 1), in amps (the module's `RequestCompositeScheduleUnit`
    /// default), over ``chargingSchedulesDuration`` seconds from now. Call it once a second.
    public mutating func takeChargingSchedules(station: Station) -> [OCPPCompositeSchedule]? {
        var station = station
        return takeChargingSchedules(reading: &station)
    }

    /// ``takeChargingSchedules(station:)`` reading the station in place (`inout` only for that):
    /// a host asks every second, and passing the station from its storage copied it each time.
    public mutating func takeChargingSchedules(reading station: inout Station) -> [OCPPCompositeSchedule]? {
        let now = station.now
        let due = chargingSchedulesPublishedAt.map { now - $0 >= Self.chargingSchedulesInterval } ?? true
        guard chargingSchedulesSignalled || due else { return nil }
        chargingSchedulesSignalled = false
        chargingSchedulesPublishedAt = now
        return (0...1).map {
            compositeSchedule(connector: $0, duration: Self.chargingSchedulesDuration, unit: "A", station: station)
        }
    }
}
