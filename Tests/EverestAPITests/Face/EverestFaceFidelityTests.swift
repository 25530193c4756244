import EVSEModel
import JSON
import SimCore
import Testing

@testable import EverestAPI

@Suite("EVerest face: what the real module publishes by default (flavour, selected_protocol, start-up source)")
struct EverestFaceFidelityTests {
    @Test("the default flavour is the real module's: phase_seq_error in telemetry, no last_enable_disable_source")
    func defaultFlavourIsTheRealModule() throws {
        #expect(EverestFaceConfiguration().flavor == .everest)
        #expect(EverestAPIFlavor(name: "everest-2026") == .everest)
        #expect(EverestAPIFlavor(name: "documented") == .documented)
        var rig = FaceRig()
        rig.charge()
        let telemetry = try rig.latest(.telemetry)
        #expect(telemetry["phase_seq_error"]?.bool == true)
        #expect(telemetry["relais_on"] == nil)
        #expect(try rig.sessionInfo()["last_enable_disable_source"] == nil)
        let meter = try rig.latest(.powermeter)
        #expect(meter["timestamp"]?.string != nil, "the real module's powermeter timestamp is a string")
    }

    @Test("selected_protocol: Unknown at start-up, IEC61851-1 through the session, Unknown after unplug")
    func selectedProtocol() throws {
        var rig = FaceRig()
        let topic = rig.face.topics.variable(.selectedProtocol)
        rig.run(seconds: 2)
        #expect(rig.latestText(topic) == "Unknown")
        rig.charge()
        #expect(rig.latestText(topic) == "IEC61851-1")
        rig.apply(.unplug)
        rig.run(seconds: 1)
        #expect(rig.latestText(topic) == "Unknown")
        let payloads = Set(rig.published.filter { $0.topic == topic }.map(\.payloadText))
        #expect(payloads == ["Unknown", "IEC61851-1"], "raw text, never JSON-quoted")
    }

    @Test("selected_protocol goes to IEC61851-1 with the first simple event after SessionStarted")
    func protocolFollowsSimpleEvents() {
        var tracker = EverestSessionTracker(startedAt: .zero)
        #expect(tracker.selectedProtocol == "", "empty until EvseManager first publishes")
        tracker.handle(.enabled(source: .nobody), at: .zero)
        #expect(tracker.selectedProtocol == "Unknown")
        tracker.handle(.sessionStarted, at: .zero)
        #expect(tracker.selectedProtocol == "Unknown", "SessionStarted has its own signal: not republished yet")
        tracker.handle(.authRequired, at: .zero)
        #expect(tracker.selectedProtocol == "IEC61851-1")
        tracker.handle(.transactionFinished(reason: .local, meter: .init(importWh: 0)), at: .zero)
        #expect(tracker.selectedProtocol == "IEC61851-1", "set to Unknown, published with the next simple event")
        tracker.handle(.sessionFinished, at: .zero)
        #expect(tracker.selectedProtocol == "Unknown")
    }

    @Test(
        "after start-up session_info shows the Unassigned source the Enabled event carried",
        arguments: EverestAPIFlavor.allCases)
    func startUpSourceIsUnassigned(flavor: EverestAPIFlavor) throws {
        var rig = FaceRig(configuration: EverestFaceConfiguration(flavor: flavor))
        rig.run(seconds: 1)
        let source = try #require(try rig.sessionInfo()["active_enable_disable_source"])
        #expect(source["state"]?.string == "Unassigned")
        #expect(source["source"]?.string == "Unspecified")
        #expect(source["priority"]?.number == 10_000)
        #expect(rig.station.everest.table.activeSource.state == .enable, "the table holds the Enable row")
    }
}

@Suite("EVerest face: the OCPP module's cmd/connect and cmd/disconnect")
struct EverestFaceOCPPCommandTests {
    @Test("disconnect and connect change ocpp/var/connection_status; the payload is ignored")
    func connectDisconnect() throws {
        var rig = FaceRig()
        let status = rig.face.topics.ocppConnectionStatus
        rig.run(seconds: 1)
        #expect(rig.latestText(status) == "unknown")
        let result = rig.face.receive(
            topic: rig.face.topics.ocppCommand(.disconnect), payload: "anything", station: &rig.station)
        rig.afterStep()
        #expect(result.changedStation)
        rig.run(seconds: 1)
        #expect(rig.latestText(status) == "disconnected")
        _ = rig.face.receive(topic: "everest_api/ocpp/cmd/connect", payload: "", station: &rig.station)
        rig.afterStep()
        rig.run(seconds: 1)
        #expect(rig.latestText(status) == "connected")
        #expect(rig.face.commandTopics.contains("everest_api/ocpp/cmd/connect"))
        #expect(
            rig.records.contains { $0.kind == "mqtt.receive" && $0["topic"] == .string("everest_api/ocpp/cmd/connect") }
        )
    }

    @Test("a face that does not publish the shared topics leaves them to the one that does")
    func onlyTheSharedPublisher() {
        var rig = FaceRig(configuration: EverestFaceConfiguration(publishesSharedTopics: false))
        #expect(!rig.face.handles(topic: "everest_api/ocpp/cmd/connect"))
        #expect(!rig.face.commandTopics.contains("everest_api/ocpp/cmd/connect"))
        let result = rig.face.receive(topic: "everest_api/ocpp/cmd/connect", payload: "", station: &rig.station)
        #expect(!result.changedStation)
        #expect(rig.station.everest.ocppStatus == .unknown)
    }
}
