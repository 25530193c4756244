import EVSEModel
import JSON
import Testing
import Wire

@testable import EverestAPI

/// `everest_api/ocpp/var/charging_schedules`: the OCPP module's value forwarded once, at the next
/// tick, in the shape of everest-core `types/ocpp.yaml` ChargingSchedules.
@Suite struct EverestFaceChargingSchedulesTests {
    static let topic = "everest_api/ocpp/var/charging_schedules"

    static func schedules(limit: Double, start: String = "2026-01-01T00:00:00.000Z") -> ChargingSchedulesReading {
        ChargingSchedulesReading(
            schedules: [0, 1].map {
                .init(
                    evse: $0, chargingRateUnit: "A",
                    periods: [.init(startPeriod: 0, limit: limit, numberPhases: 3, stackLevel: 2)], duration: 600,
                    startSchedule: start)
            })
    }

    @Test(arguments: [
        (
            EverestAPIFlavor.everest,
            #"{"schedules":[{"charging_rate_unit":"A","charging_schedule_period":[{"limit":13.300000190734863,"number_phases":3,"stack_level":2,"start_period":0}],"duration":600,"evse":0,"start_schedule":"2026-01-01T00:00:00.000Z"}]}"#
        ),
        (
            EverestAPIFlavor.documented,
            #"{"schedules":[{"charging_rate_unit":"A","charging_schedule_period":[{"limit":13.3,"number_phases":3,"stack_level":2,"start_period":0}],"duration":600,"evse":0,"start_schedule":"2026-01-01T00:00:00.000Z"}]}"#
        ),
    ])
    func payloadIsTheNlohmannDumpOfChargingSchedules(flavor: EverestAPIFlavor, expected: String) {
        var reading = Self.schedules(limit: 13.3)
        reading.schedules.removeLast()
        let encoder = EverestPayloadEncoder(flavor: flavor)
        #expect(String(decoding: encoder.chargingSchedules(reading), as: UTF8.self) == expected)
    }

    @Test func optionalFieldsAreLeftOutWhenAbsent() {
        let reading = ChargingSchedulesReading(schedules: [
            .init(
                evse: 1, chargingRateUnit: "W",
                periods: [.init(startPeriod: 0, limit: 11000, numberPhases: nil, stackLevel: nil)], duration: nil,
                startSchedule: nil)
        ])
        let text = String(decoding: EverestPayloadEncoder().chargingSchedules(reading), as: UTF8.self)
        #expect(
            text
                == #"{"schedules":[{"charging_rate_unit":"W","charging_schedule_period":[{"limit":11000.0,"start_period":0}],"evse":1}]}"#
        )
    }

    @Test func publishedOnceAtTheNextTickAfterAnUpdate() {
        var rig = FaceRig()
        rig.run(seconds: 2)
        #expect(!rig.published.contains { $0.topic == Self.topic }, "nothing before the OCPP module publishes")
        rig.face.ocppChargingSchedulesUpdated(Self.schedules(limit: 20))
        rig.face.ocppChargingSchedulesUpdated(Self.schedules(limit: 16))
        rig.run(seconds: 3)
        let sent = rig.published.filter { $0.topic == Self.topic }
        #expect(sent.count == 1, "one publication per tick with an update; the later update replaces the first")
        #expect(sent.first?.payloadText.contains(#""limit":16.0"#) == true)
        let tickWithIt = rig.ticks.firstIndex { $0.contains { $0.topic == Self.topic } }
        #expect(tickWithIt == 2, "the first tick after the update")
    }

    @Test func notPublishedByAFaceWithoutTheSharedTopics() {
        var rig = FaceRig(configuration: EverestFaceConfiguration(publishesSharedTopics: false))
        rig.face.ocppChargingSchedulesUpdated(Self.schedules(limit: 16))
        rig.run(seconds: 2)
        #expect(!rig.published.contains { $0.topic == Self.topic })
    }

    @Test func tracedOnlyWhenTheSchedulesChangeNotTheirStart() {
        var rig = FaceRig()
        rig.face.ocppChargingSchedulesUpdated(Self.schedules(limit: 16, start: "2026-01-01T00:00:01.000Z"))
        rig.run(seconds: 1)
        rig.face.ocppChargingSchedulesUpdated(Self.schedules(limit: 16, start: "2026-01-01T00:00:31.000Z"))
        rig.run(seconds: 1)
        rig.face.ocppChargingSchedulesUpdated(Self.schedules(limit: 10, start: "2026-01-01T00:01:01.000Z"))
        rig.run(seconds: 1)
        let traced = rig.records.filter { $0["topic"] == .string(Self.topic) }
        #expect(rig.published.filter { $0.topic == Self.topic }.count == 3)
        #expect(traced.count == 2)
    }
}
