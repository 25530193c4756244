import EVSEModel
import JSON
import SimCore
import Testing

@testable import OCPP

/// When the OCPP module publishes its composite schedules (everest-core
/// `modules/EVSE/OCPP/OCPP.cpp`): at start-up, after an accepted SetChargingProfile, every 30 s.
@Suite struct OCPPChargingSchedulesTests {
    @Test func publishedAtStartUpAfterSetChargingProfileAndEveryThirtySeconds() throws {
        var rig = OCPPRig()
        rig.connectAndAccept()
        let firstTaken = rig.face.takeChargingSchedules(station: rig.station)
        let first = try #require(firstTaken, "start-up")
        #expect(first.map(\.connector) == [0, 1])
        #expect(first[1].periods.map(\.limit) == [Double(rig.station.profile.hardwareMaxAmps)])
        #expect(first[1].periods.first?.stackLevel == 0)
        let again = rig.face.takeChargingSchedules(station: rig.station)
        #expect(again == nil, "nothing new at once")

        let profile = OCPPSmartChargingTests.profile(
            id: 4, purpose: "TxDefaultProfile", level: 2, unit: "A", periods: [(0, 16)])
        rig.run(for: .seconds(5))
        rig.receive(
            .call(
                id: "a", action: "SetChargingProfile",
                payload: ["connectorId": 1, "csChargingProfiles": .object(profile)]
            ))
        let afterTaken = rig.face.takeChargingSchedules(station: rig.station)
        let after = try #require(afterTaken, "after SetChargingProfile")
        #expect(after[1].periods.first?.limit == 16)
        #expect(after[1].periods.first?.stackLevel == 2)
        #expect(after[1].duration == OCPPFace.chargingSchedulesDuration)

        rig.receive(.call(id: "b", action: "ClearChargingProfile", payload: ["id": 4]))
        let afterClear = rig.face.takeChargingSchedules(station: rig.station)
        #expect(afterClear == nil, "libocpp signals only SetChargingProfile; a clear shows with the timer")
        rig.run(for: .seconds(29))
        let early = rig.face.takeChargingSchedules(station: rig.station)
        #expect(early == nil)
        rig.run(for: .seconds(1))
        let timedTaken = rig.face.takeChargingSchedules(station: rig.station)
        let timed = try #require(timedTaken, "30 s after the last")
        #expect(timed[1].periods.first?.limit == Double(rig.station.profile.hardwareMaxAmps))
    }

    @Test func aRejectedProfileIsNotSignalled() {
        var rig = OCPPRig()
        rig.connectAndAccept()
        _ = rig.face.takeChargingSchedules(station: rig.station)
        let tx = OCPPSmartChargingTests.profile(id: 1, purpose: "TxProfile", level: 0, unit: "A", periods: [(0, 10)])
        rig.receive(
            .call(
                id: "a", action: "SetChargingProfile", payload: ["connectorId": 1, "csChargingProfiles": .object(tx)]))
        #expect(rig.sent.last == .callResult(id: "a", payload: ["status": "Rejected"]))
        let taken = rig.face.takeChargingSchedules(station: rig.station)
        #expect(taken == nil)
    }
}

/// StopTransaction's `transactionData` (libocpp `get_filtered_transaction_data()`).
@Suite struct OCPPTransactionDataTests {
    static func stop(sampled: String, aligned: String, meterValues: String? = nil) -> JSONObject? {
        var rig = OCPPRig()
        rig.connectAndAccept()
        var settings = [
            ("MeterValueSampleInterval", "60"), ("ClockAlignedDataInterval", "0"), ("StopTxnSampledData", sampled),
            ("StopTxnAlignedData", aligned),
        ]
        if let meterValues { settings.append(("MeterValuesSampledData", meterValues)) }
        for (key, value) in settings {
            rig.receive(
                .call(
                    id: "c-\(key)", action: "ChangeConfiguration",
                    payload: ["key": .string(key), "value": .string(value)]))
        }
        rig.station.apply(.plug)
        rig.settle()
        rig.answerLast(["transactionId": 5, "idTagInfo": ["status": "Accepted"]])
        var answered = rig.calls.count
        for _ in 0..<20 {
            rig.run(for: .seconds(10))
            // Answer each new call once (the face sends one at a time).
            while rig.calls.count > answered {
                answered = rig.calls.count
                rig.answerLast([:])
            }
        }
        rig.station.apply(.unplug)
        rig.settle()
        return rig.calls.last { $0.action == "StopTransaction" }?.payload
    }

    @Test func periodicSamplesOfStopTxnSampledDataGoIntoTheStop() throws {
        let stop = try #require(Self.stop(sampled: "Energy.Active.Import.Register", aligned: ""))
        let data = try #require(stop["transactionData"]?.arrayValue)
        #expect(data.count == 3, "a sample every 60 s of the 200 s transaction")
        for entry in data {
            let values = entry["sampledValue"]?.arrayValue ?? []
            #expect(values.count == 1)
            #expect(values.first?["measurand"] == "Energy.Active.Import.Register")
            #expect(values.first?["context"] == "Sample.Periodic")
        }
    }

    /// libocpp filters what it sampled for MeterValues: a measurand only StopTxnSampledData
    /// names is never reported, and the order is MeterValuesSampledData's.
    @Test func onlyMeasurandsSampledForMeterValuesAreReported() throws {
        let stop = try #require(
            Self.stop(
                sampled: "Power.Active.Import,Current.Offered,Energy.Active.Import.Register", aligned: "",
                meterValues: "Energy.Active.Import.Register,Current.Offered"))
        let data = try #require(stop["transactionData"]?.arrayValue)
        #expect(data.count == 3)
        for entry in data {
            let values = entry["sampledValue"]?.arrayValue ?? []
            #expect(
                values.compactMap { $0["measurand"]?.stringValue } == [
                    "Energy.Active.Import.Register", "Current.Offered",
                ])
            #expect(
                values.allSatisfy { $0["context"] == "Sample.Periodic" },
                "no Transaction.Begin/End without a signing meter")
        }
    }

    @Test func noStopTxnKeysNoTransactionData() throws {
        let stop = try #require(Self.stop(sampled: "", aligned: ""))
        #expect(stop["transactionData"] == nil)
        #expect(stop["meterStop"] != nil)
    }

    @Test(arguments: ["StopTxnSampledData", "StopTxnAlignedData"])
    func aListLongerThanItsMaxLengthIsRejected(key: String) {
        var keys = OCPPConfiguration()
        let all = OCPPMeasurand.allCases.map(\.rawValue)
        #expect(keys.value(key + "MaxLength") == "\(all.count)")
        #expect(keys.set(key + "MaxLength", "1") == .rejected, "read-only")
        #expect(keys.set(key, all.joined(separator: ",")) == .accepted)
        #expect(keys.set(key, (all + ["Voltage"]).joined(separator: ",")) == .rejected)
        #expect(keys.value(key) == all.joined(separator: ","))
    }
}
