import Foundation
import Glibc
import Testing
import Wire

@testable import Live

/// The system API face served by `evsesim serve` against a real broker and a separate-process
/// peer playing EVerest (`Clients/everest_system_peer.py`, paho-mqtt): every request, the
/// replies and status sequences, a real loopback HTTP server for the firmware image and the log
/// upload, a signature made with the openssl command line tool, and bad input. When
/// `EVSESIM_SYSTEM_API_SCHEMA` (or `Clients/system_API.yaml`) holds everest-core's
/// `docs/source/reference/EVerest_API/system_API.yaml`, the peer validates every message
/// evsesim publishes against its schemas.
@Suite(.serialized) struct SystemAPIPeerTests {
    static var peerPython: String? {
        guard access(LiveSetup.venvPython, X_OK) == 0 else { return nil }
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: LiveSetup.venvPython)
        probe.arguments = ["-c", "import paho.mqtt, yaml, jsonschema"]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return nil }
        probe.waitUntilExit()
        return probe.terminationStatus == 0 ? LiveSetup.venvPython : nil
    }

    static var schemaPath: String? {
        if let path = ProcessInfo.processInfo.environment["EVSESIM_SYSTEM_API_SCHEMA"] { return path }
        let local = LiveSetup.clients + "/system_API.yaml"
        return access(local, R_OK) == 0 ? local : nil
    }

    @Test(.enabled(if: peerPython != nil && findExecutable("openssl") != nil, "needs tools/test's venv and openssl"))
    func everestPeerDrivesEveryRequest() throws {
        let broker = try TestBroker()
        try broker.start()
        let module = "sys_peer_\(getpid())"
        let serve = try ServeProcess([
            "--mqtt", "mqtt://127.0.0.1:\(broker.port)", "--no-pty", "--speed", "x20", "--system-id", module,
        ])
        try #require(serve.waitUntilServing(), "serve did not start: \(serve.stdout) \(serve.stderr)")
        let workdir = LiveSetup.temporaryPath("system-peer")
        try FileManager.default.createDirectory(atPath: workdir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: workdir) }
        var arguments = [
            LiveSetup.clients + "/everest_system_peer.py", "--port", "\(broker.port)", "--module", module,
            "--workdir", workdir,
        ]
        if let schema = Self.schemaPath { arguments += ["--schema", schema] }
        let peer = try TestProcess(try #require(Self.peerPython), arguments)
        defer { peer.stop() }
        let finished = peer.waitForExit(timeout: .seconds(90))
        #expect(finished, "the peer did not finish: \(peer.text)")
        #expect(peer.exitStatus == 0, "peer output:\n\(peer.text)\n\(peer.errorText)\nserve:\n\(serve.stderr)")
        #expect(peer.text.contains("all checks passed"))
        #expect(serve.isRunning, "serve stopped: \(serve.stderr)")
    }
}

/// In a fleet each station serves its own system module, `<id>_<k>`.
@Suite struct SystemAPIFleetTests {
    @Test func eachStationHasItsOwnModule() throws {
        var configuration = try LiveSetup.configuration(ptyPath: nil, count: 2)
        configuration.systemID = "sys"
        let fleet = try LiveFleet(configuration: configuration, logger: quietLogger)
        var published: [MQTTMessage] = []
        fleet.onPublish = { published.append($0) }
        try fleet.start()
        defer { fleet.stop() }
        let second = fleet.stations[1]
        #expect(second.subscriptions.contains("everest_api/1/system/sys_1/e2m/update_firmware"))
        #expect(second.handles(topic: "everest_api/1/system/sys_1/e2m/reset"))
        #expect(!second.handles(topic: "everest_api/1/system/sys_0/e2m/reset"))
        second.receive(
            topic: "everest_api/1/system/sys_1/e2m/get_boot_reason",
            payload: Array(#"{"headers":{"replyTo":"everest_api/1/system/sys_1/m2e/reply/1"}}"#.utf8))
        #expect(
            published.contains {
                $0.topic == "everest_api/1/system/sys_1/m2e/reply/1" && $0.payloadText == #""PowerUp""#
            })
    }

    @Test func noSystemAPIServesNoSystemTopics() throws {
        var configuration = try LiveSetup.configuration(ptyPath: nil)
        configuration.systemID = nil
        let fleet = try LiveFleet(configuration: configuration, logger: quietLogger)
        #expect(fleet.stations[0].system == nil)
        #expect(!fleet.stations[0].subscriptions.contains { $0.hasPrefix("everest_api/1/system/") })
    }
}
