import EVSEModel
import JSON
import SimCore
import Testing

@testable import OCPP

/// A station and its OCPP face with the test as the CSMS: every frame the face sends is kept,
/// calls are answered only when the test says so.
struct OCPPRig {
    var station: Station
    var face: OCPPFace
    var sent: [OCPPMessage] = []
    /// The face's requests to close (false) or reopen (true) its connection.
    var connectionRequests: [Bool] = []

    init(authorization: EverestAuthorization = .auto) {
        var profile = StationProfile()
        profile.everest.authorization = authorization
        station = Station(profile: profile, vehicle: VehicleProfile(), seed: 3)
        face = OCPPFace(configuration: OCPPFaceConfiguration(chargePointID: "CP1"))
        settle()
    }

    /// Hands the station's events to the face until nothing changes.
    mutating func settle() {
        while true {
            let events = station.drainEvents()
            face.afterStep(events: events, station: &station)
            collect()
            if station.events.isEmpty { return }
        }
    }

    mutating func collect() {
        for item in face.takeOutput() {
            switch item {
            case .send(let m, _): sent.append(m)
            case .connection(let open): connectionRequests.append(open)
            case .record: break
            }
        }
    }

    mutating func receive(_ message: OCPPMessage) {
        face.receive(message.bytes, station: &station)
        collect()
        settle()
    }

    mutating func run(for d: SimDuration) {
        let end = station.now + d
        while true {
            let next = [station.nextEventTime, face.nextTime].compactMap { $0 }.min()
            guard let next, next <= end else { break }
            if let f = face.nextTime, f == next {
                if f > station.now { station.run(until: f) }
                face.fire(station: &station)
                collect()
            } else {
                _ = station.step(notAfter: next)
            }
            settle()
        }
        station.run(until: end)
    }

    /// The calls sent so far, by action.
    var calls: [(id: String, action: String, payload: JSONObject)] {
        sent.compactMap { if case .call(let id, let a, let p) = $0 { (id, a, p) } else { nil } }
    }

    /// Answers the call in flight.
    mutating func answerLast(_ payload: JSONObject) {
        guard let last = calls.last else { return }
        receive(.callResult(id: last.id, payload: payload))
    }

    mutating func connectAndAccept() {
        face.connectionChanged(true, station: &station)
        collect()
        settle()
        answerLast(["status": "Accepted", "currentTime": "2026-01-01T00:00:00Z", "interval": 300])
        // The two StatusNotifications.
        answerLast([:])
        answerLast([:])
    }
}

@Suite struct OCPPFaceTests {
    @Test func onlyBootNotificationGoesOutUntilAccepted() {
        var rig = OCPPRig()
        rig.face.connectionChanged(true, station: &rig.station)
        rig.collect()
        #expect(rig.calls.map(\.action) == ["BootNotification"])
        rig.answerLast(["status": "Pending", "currentTime": "2026-01-01T00:00:00Z", "interval": 20])
        rig.station.apply(.plug)
        rig.settle()
        #expect(rig.calls.map(\.action) == ["BootNotification"], "nothing but a boot while Pending")
        rig.run(for: .seconds(20))
        #expect(rig.calls.map(\.action) == ["BootNotification", "BootNotification"])
        rig.answerLast(["status": "Accepted", "currentTime": "2026-05-05T05:05:05Z", "interval": 100])
        #expect(rig.face.registration == .accepted)
        #expect(rig.face.keys.int("HeartbeatInterval") == 100)
        #expect(rig.station.calendarEpochSeconds == WallTime(rfc3339: "2026-05-05T05:05:05Z")!.startEpochSeconds)
        // The transaction of the EV plugged in meanwhile was queued: it goes first, then the statuses.
        #expect(rig.calls.last?.action == "StartTransaction")
        rig.answerLast(["transactionId": 1, "idTagInfo": ["status": "Accepted"]])
        #expect(rig.calls.last?.action == "StatusNotification")
    }

    @Test func stopQueuedBeforeTheStartWasAnsweredCarriesTheCSMSId() {
        var rig = OCPPRig()
        rig.connectAndAccept()
        rig.face.connectionChanged(false, station: &rig.station)
        rig.station.apply(.plug)
        rig.settle()
        rig.run(for: .seconds(30))
        rig.station.apply(.unplug)
        rig.settle()
        let before = rig.calls.count
        rig.face.connectionChanged(true, station: &rig.station)
        rig.collect()
        #expect(rig.calls[before].action == "StartTransaction")
        rig.answerLast(["transactionId": 777, "idTagInfo": ["status": "Accepted"]])
        while let last = rig.calls.last, last.action != "StopTransaction", rig.calls.count < before + 10 {
            rig.answerLast([:])
        }
        let stop = rig.calls.last
        #expect(stop?.action == "StopTransaction")
        #expect(stop?.payload["transactionId"] == .int(777))
        #expect(stop?.payload["reason"] == "EVDisconnected")
    }

    @Test(arguments: [
        ("Reset", #"{"type":"Later"}"#, OCPPErrorCode.propertyConstraintViolation),
        ("Reset", #"{}"#, .formationViolation),
        ("Reset", #"{"type":"Hard","x":1}"#, .formationViolation),
        ("RemoteStopTransaction", #"{"transactionId":1.5}"#, .typeConstraintViolation),
        ("ChangeAvailability", #"{"connectorId":"1","type":"Operative"}"#, .typeConstraintViolation),
        ("RemoteStartTransaction", #"{"idTag":"123456789012345678901"}"#, .propertyConstraintViolation),
        ("UpdateFirmware", #"{"location":"ftp://x","retrieveDate":"tomorrow"}"#, .typeConstraintViolation),
        ("SetChargingProfile", #"{}"#, .formationViolation),
        ("SendLocalList", #"{"listVersion":1}"#, .formationViolation),
        ("Explode", #"{}"#, .notImplemented),
    ])
    func badCallsGetTheirCallError(action: String, payload: String, code: OCPPErrorCode) throws {
        var rig = OCPPRig()
        rig.connectAndAccept()
        let object = try #require(try JSONParser().parse(payload, file: "test").objectValue)
        rig.receive(.call(id: "bad-1", action: action, payload: object))
        let answer = try #require(rig.sent.last)
        guard case .callError(let id, let got, _, _) = answer else {
            Issue.record("expected a CALLERROR, got \(answer.text)")
            return
        }
        #expect(id == "bad-1")
        #expect(got == code)
    }

    @Test func remoteStartBeforePlugInUsesTheRemoteToken() {
        var rig = OCPPRig()
        rig.connectAndAccept()
        rig.receive(.call(id: "r1", action: "RemoteStartTransaction", payload: ["idTag": "REMOTE"]))
        #expect(rig.sent.last == .callResult(id: "r1", payload: ["status": "Accepted"]))
        rig.station.apply(.plug)
        rig.settle()
        rig.answerLast([:])  // Preparing
        let start = rig.calls.first { $0.action == "StartTransaction" }
        #expect(start?.payload["idTag"] == "REMOTE")
        #expect(!rig.calls.contains { $0.action == "Authorize" }, "AuthorizeRemoteTxRequests is false")
    }

    @Test func plugInReportsPreparingBeforeTheAuthorizeAndStartOfTheSameInstant() {
        var rig = OCPPRig()  // the station's own token: plug-in, authorisation and start at once
        rig.connectAndAccept()
        let before = rig.calls.count
        rig.station.apply(.plug)
        rig.settle()
        for _ in 0..<4 { rig.answerLast(["transactionId": 1, "idTagInfo": ["status": "Accepted"]]) }
        let order = rig.calls.dropFirst(before).map {
            $0.action == "StatusNotification" ? $0.payload["status"]?.stringValue ?? "?" : $0.action
        }
        #expect(Array(order.prefix(3)) == ["Preparing", "Authorize", "StartTransaction"])
    }

    @Test func firmwareInstalledIsReportedOnceAfterTheReboot() {
        var rig = OCPPRig()
        rig.connectAndAccept()
        rig.receive(
            .call(
                id: "fw", action: "UpdateFirmware",
                payload: ["location": "ftp://firmware.example/fw.bin", "retrieveDate": "2020-01-01T00:00:00Z"]))
        var answered: Set<String> = []
        for _ in 0..<1200 {
            rig.run(for: .seconds(1))
            guard let last = rig.calls.last, !answered.contains(last.id) else { continue }
            answered.insert(last.id)
            rig.answerLast(
                last.action == "BootNotification"
                    ? ["status": "Accepted", "currentTime": "2026-01-01T00:00:00Z", "interval": 300] : [:])
        }
        let statuses = rig.calls.filter { $0.action == "FirmwareStatusNotification" }.map {
            $0.payload["status"]?.stringValue ?? "?"
        }
        #expect(statuses == ["Downloading", "Downloaded", "Installing", "Installed"])
        #expect(rig.calls.filter { $0.action == "BootNotification" }.count == 2, "the new firmware booted")
    }

    @Test func groundFaultIsFaultedWithGroundFailure() {
        var rig = OCPPRig()
        rig.connectAndAccept()
        rig.station.apply(.plug)
        rig.settle()
        rig.run(for: .seconds(5))
        rig.station.apply(.injectFault(.gfi))
        rig.settle()
        for _ in 0..<10 { rig.answerLast(["transactionId": 1, "idTagInfo": ["status": "Accepted"]]) }
        let faulted = rig.calls.last { $0.action == "StatusNotification" && $0.payload["status"] == "Faulted" }
        #expect(faulted?.payload["errorCode"] == "GroundFailure")
        #expect(faulted?.payload["connectorId"] == 1)
    }
}

@Suite struct OCPPSmartChargingTests {
    static func profile(id: Int, purpose: String, level: Int, unit: String, periods: [(Int, Double)]) -> JSONObject {
        let list: [JSONValue] = periods.map { .object(["startPeriod": .int($0.0), "limit": .double($0.1)]) }
        return [
            "chargingProfileId": .int(id), "stackLevel": .int(level), "chargingProfilePurpose": .string(purpose),
            "chargingProfileKind": "Absolute",
            "chargingSchedule": .object([
                "startSchedule": "2026-01-01T00:00:00Z", "chargingRateUnit": .string(unit),
                "chargingSchedulePeriod": .array(list),
            ]),
        ]
    }

    @Test func highestStackLevelWinsAndTheCapInWattsLimitsIt() {
        var rig = OCPPRig()
        rig.connectAndAccept()
        let low = Self.profile(id: 1, purpose: "TxDefaultProfile", level: 0, unit: "A", periods: [(0, 20)])
        let high = Self.profile(id: 2, purpose: "TxDefaultProfile", level: 3, unit: "A", periods: [(0, 12), (60, 18)])
        rig.receive(
            .call(
                id: "a", action: "SetChargingProfile", payload: ["connectorId": 1, "csChargingProfiles": .object(low)]))
        #expect(rig.station.everest.limitAmps == 20)
        rig.receive(
            .call(
                id: "b", action: "SetChargingProfile", payload: ["connectorId": 1, "csChargingProfiles": .object(high)])
        )
        #expect(rig.station.everest.limitAmps == 12, "stack level 3 beats 0")
        rig.run(for: .seconds(61))
        #expect(rig.station.everest.limitAmps == 18, "the next period starts on time")
        let volts = rig.station.profile.nominalVoltage * Double(rig.station.profile.phases)
        let cap = Self.profile(id: 3, purpose: "ChargePointMaxProfile", level: 0, unit: "W", periods: [(0, 10 * volts)])
        rig.receive(
            .call(
                id: "c", action: "SetChargingProfile", payload: ["connectorId": 0, "csChargingProfiles": .object(cap)]))
        #expect(abs((rig.station.everest.limitAmps ?? 0) - 10) < 1e-9, "the cap in W is converted to A per phase")
        rig.receive(.call(id: "d", action: "ClearChargingProfile", payload: [:]))
        #expect(rig.sent.last == .callResult(id: "d", payload: ["status": "Accepted"]))
        #expect(rig.station.everest.limitAmps == nil, "no profile left: the limit is lifted")
    }

    @Test func txProfileNeedsATransaction() {
        var rig = OCPPRig()
        rig.connectAndAccept()
        let tx = Self.profile(id: 1, purpose: "TxProfile", level: 0, unit: "A", periods: [(0, 10)])
        rig.receive(
            .call(
                id: "a", action: "SetChargingProfile", payload: ["connectorId": 1, "csChargingProfiles": .object(tx)]))
        #expect(rig.sent.last == .callResult(id: "a", payload: ["status": "Rejected"]))
    }
}
