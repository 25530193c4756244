import EVSEModel
import JSON
import SimCore
import Testing

@testable import EverestAPI

@Suite("EVerest face: session_info, errors and OCPP status follow the station (API module, EvseManager)")
struct EverestFaceSessionTests {
    @Test("a full session: Unplugged → Preparing → Charging → Finished → Unplugged")
    func fullSession() throws {
        var rig = FaceRig()
        rig.run(seconds: 2)
        rig.apply(.plug)
        rig.run(seconds: 60)
        rig.apply(.unplug)
        rig.run(seconds: 2)
        #expect(rig.sessionStates == ["Unplugged", "Preparing", "Charging", "Finished", "Unplugged"])
    }

    @Test("stop_charging, then unplug: … Charging → FinishedEVSE → Unplugged")
    func stoppedSession() throws {
        var rig = FaceRig()
        rig.run(seconds: 1)
        rig.charge()
        rig.send(.stopCharging, "")
        rig.run(seconds: 3)
        rig.apply(.unplug)
        rig.run(seconds: 2)
        #expect(rig.sessionStates == ["Unplugged", "Preparing", "Charging", "FinishedEVSE", "Unplugged"])
    }

    @Test("TransactionFinished publishes session_info at once, showing Finished")
    func immediatePublication() throws {
        var rig = FaceRig()
        rig.charge()
        rig.run(seconds: 30)
        let unplugAt = rig.station.now
        let count = rig.published.count
        rig.apply(.unplug)
        let immediate = Array(rig.published[count...])
        #expect(immediate.map(\.topic) == [rig.face.topics.variable(.sessionInfo)])
        let info = try parsePayload(try #require(immediate.first).payload)
        #expect(info["state"]?.string == "Finished")
        #expect(info["datetime"]?.string == rig.station.wallTime.rfc3339(at: unplugAt))
        // It is traced even though telemetry is not.
        #expect(rig.records.last?.kind == "mqtt.publish")
        #expect(rig.records.last?["topic"] == .string(rig.face.topics.variable(.sessionInfo)))
    }

    @Test("counters run from TransactionStarted (the plug-in) and match the meter")
    func counters() throws {
        var rig = FaceRig()
        rig.run(seconds: 1)
        let plugAt = rig.station.now
        let startWh = rig.station.meter.importedWh
        rig.charge()
        rig.run(seconds: 120)
        let info = try rig.sessionInfo()
        let charged = try #require(info["charged_energy_wh"]?.number)
        let duration = try #require(info["charging_duration_s"]?.number)
        #expect(charged > 0)
        // int32 Wh on both ends: at most one Wh of truncation.
        #expect(abs(charged - (rig.station.meter.importedWh - startWh)) <= 1)
        #expect(Int64(duration) == (rig.station.now - plugAt).wholeSeconds)
        let power = try #require(info["latest_total_w"]?.number)
        #expect(abs(power - rig.station.truePower) < 0.05 * rig.station.truePower)
    }

    @Test("an injected GFI fault shows in active_errors with the derived Inoperative, and clears on unplug")
    func faults() throws {
        var rig = FaceRig()
        rig.charge()
        #expect(rig.latestText(rig.face.topics.activeErrors) == "[]")
        #expect(try rig.sessionInfo()["permanent_fault"]?.bool == false)

        rig.apply(.injectFault(.gfi))
        rig.run(seconds: 2)
        let errors = try #require(try rig.latestJSON(rig.face.topics.activeErrors).array)
        let types = errors.compactMap { $0["type"]?.string }
        #expect(types.contains(EverestErrorType.groundFailure.rawValue))
        #expect(types.contains(EverestErrorType.inoperative.rawValue))
        let inoperative = try #require(errors.first { $0["type"]?.string == EverestErrorType.inoperative.rawValue })
        #expect(inoperative["origin"]?["module_id"]?.string == rig.face.evseID)
        #expect(errors.allSatisfy { $0["state"]?.string == "Active" && $0["uuid"]?.string?.count == 36 })
        #expect(try rig.sessionInfo()["permanent_fault"]?.bool == true)
        #expect(rig.station.flowingAmps == 0)

        rig.apply(.clearFault(.gfi))
        rig.apply(.unplug)
        rig.run(seconds: 2)
        #expect(rig.latestText(rig.face.topics.activeErrors) == "[]")
        #expect(try rig.sessionInfo()["permanent_fault"]?.bool == false)
    }

    @Test("OCPP connection status follows the station")
    func ocppStatus() throws {
        var rig = FaceRig()
        let topic = rig.face.topics.ocppConnectionStatus
        rig.run(seconds: 1)
        #expect(rig.latestText(topic) == "unknown")
        rig.station.setOCPPStatus(.connected)
        rig.run(seconds: 1)
        #expect(rig.latestText(topic) == "connected")
        rig.station.setOCPPStatus(.disconnected)
        rig.run(seconds: 1)
        #expect(rig.latestText(topic) == "disconnected")
    }

    @Test("trace: receives and session_info changes only, unless telemetry is traced")
    func traceVolume() throws {
        var quiet = FaceRig()
        quiet.run(seconds: 10)
        // The first session_info (Unplugged) is the only change in ten idle seconds.
        #expect(quiet.records.map(\.kind) == ["mqtt.publish"])
        quiet.send(.setLimitAmps, "10")
        let receive = try #require(quiet.records.last)
        #expect(receive.kind == "mqtt.receive")
        #expect(receive["payload"] == .payload(Array("10".utf8)))
        guard case .string(let result)? = receive["result"] else {
            Issue.record("no result field in \(receive)")
            return
        }
        #expect(result.hasPrefix("applied"))

        var loud = FaceRig(configuration: EverestFaceConfiguration(traceTelemetry: true))
        loud.run(seconds: 10)
        #expect(loud.records.count == loud.published.count)
        #expect(loud.records.count == 10 * 10)
        #expect(zip(loud.records, loud.published).allSatisfy { $0["topic"] == .string($1.topic) })
    }

    @Test("a fleet: one face publishes the shared topics with every EVSE's errors")
    func fleet() throws {
        let ids = ["left", "right"]
        var left = FaceRig(configuration: EverestFaceConfiguration(evseID: "left", connectorIDs: ids))
        var right = FaceRig(
            seed: 8, configuration: EverestFaceConfiguration(evseID: "right", publishesSharedTopics: false))
        right.charge()
        right.apply(.injectFault(.gfi))
        right.run(seconds: 2)
        let fleetErrors = left.face.publishedErrors(of: left.station) + right.face.publishedErrors(of: right.station)
        let set = left.face.tick(station: &left.station, fleetErrors: fleetErrors)

        #expect(set.first?.topic == "everest_api/connectors")
        #expect(set.first?.payloadText == #"["left","right"]"#)
        #expect(set.contains { $0.topic == "everest_api/left/var/session_info" })
        let errorsMessage = try #require(set.last { $0.topic == left.face.topics.activeErrors })
        let errors = try #require(try parsePayload(errorsMessage.payload).array)
        #expect(errors.contains { $0["origin"]?["module_id"]?.string == "right" })

        let rightTopics = Set(try #require(right.ticks.last).map(\.topic))
        #expect(rightTopics.allSatisfy { $0.hasPrefix("everest_api/right/var/") })
        #expect(right.face.handles(topic: "everest_api/right/cmd/stop_charging"))
        #expect(!right.face.handles(topic: "everest_api/left/cmd/stop_charging"))
    }
}
