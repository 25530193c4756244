import EVSEModel
import JSON
import SimCore
import Testing

@testable import OCPP

/// A power cut takes the charge point's network with it: the face asks its driver to close the
/// WebSocket, sends and samples nothing while the power is off, asks to reconnect when it
/// returns and registers again before anything else.
@Suite struct OCPPFacePowerCutTests {
    /// A station charging in transaction 1, every call answered.
    static func charging() -> OCPPRig {
        var rig = OCPPRig()
        rig.connectAndAccept()
        rig.station.apply(.plug)
        rig.settle()
        rig.run(for: .seconds(5))
        while let last = rig.calls.last, rig.face.inFlight != nil {
            switch last.action {
            case "StartTransaction": rig.answerLast(["transactionId": 1, "idTagInfo": ["status": "Accepted"]])
            case "Authorize": rig.answerLast(["idTagInfo": ["status": "Accepted"]])
            default: rig.answerLast([:])
            }
        }
        return rig
    }

    @Test func theCutClosesTheConnectionAndNothingIsSentUntilItReturns() throws {
        var rig = Self.charging()
        #expect(rig.face.transactionID == 1)
        rig.station.apply(.powerCut(for: .seconds(200)))
        rig.settle()
        #expect(rig.connectionRequests == [false])
        #expect(!rig.face.connected)
        #expect(rig.station.everest.ocppStatus == .disconnected)
        let before = rig.calls.count
        let sentBefore = rig.sent.count
        // News of a connection that crossed the cut is not used.
        rig.face.connectionChanged(true, station: &rig.station)
        rig.collect()
        #expect(!rig.face.connected)
        // A call still on its way as the connection closed reaches nobody.
        rig.receive(.call(id: "late", action: "RemoteStopTransaction", payload: ["transactionId": 1]))
        #expect(rig.sent.count == sentBefore, "no answer without power")
        rig.run(for: .seconds(150))
        #expect(
            rig.calls.count == before,
            "nothing sent or sampled without power: \(rig.calls.dropFirst(before).map(\.action))")
        #expect(rig.connectionRequests == [false])
        rig.run(for: .seconds(51))
        #expect(rig.connectionRequests == [false, true], "power back: reconnect")
        rig.face.connectionChanged(true, station: &rig.station)
        rig.collect()
        rig.settle()
        #expect(rig.calls.dropFirst(before).map(\.action) == ["BootNotification"], "registration first")
    }

    @Test func aCallInFlightAtTheCutIsDeliveredAfterTheNewBoot() throws {
        var rig = Self.charging()
        rig.run(for: .seconds(60))
        let meter = try #require(rig.calls.last)
        #expect(meter.action == "MeterValues")
        rig.station.apply(.powerCut(for: .seconds(10)))
        rig.settle()
        rig.run(for: .seconds(11))
        rig.face.connectionChanged(true, station: &rig.station)
        rig.collect()
        rig.settle()
        rig.answerLast(["status": "Accepted", "currentTime": "2026-01-01T00:10:00Z", "interval": 300])
        let resent = try #require(rig.calls.last)
        #expect(resent.action == "MeterValues")
        #expect(resent.payload == meter.payload, "the same sample, kept across the cut")
    }
}
