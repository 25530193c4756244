import EVSEModel
import EverestAPI
import Foundation
import Glibc
import JSON
import OCPP
import Scenario
import SimCore
import Synchronization
import Testing

@testable import Live
@testable import Transport

/// The system API's real transfers live (off the loop's thread) and the log a station uploads
/// (its trace, RAPI and MQTT records included).
@Suite struct SystemTransferTests {
    /// A host driven through RAPI, MQTT, events and a system request, with a trace.
    static func drivenHost() throws -> (host: StationHost, trace: [String]) {
        let library = try LiveSetup.library()
        let station = Station(
            profile: try library.stationProfile(ProfileSelection(profile: "openevse-8.2.3-us"), file: "test"),
            vehicle: try library.vehicleProfile(ProfileSelection(profile: "compact-40kwh-1ph"), file: "test"),
            seed: 3)
        var host = StationHost(
            station: station, everest: EverestFaceConfiguration(), publishesEverything: false, tracesEvents: true)
        var items: [HostOutput] = []
        var trace: [String] = []
        func drain(_ host: inout StationHost) {
            host.takeOutput(into: &items)
            for case .record(let record) in items { trace.append(TraceWriter().line(record)) }
            items.removeAll()
        }
        host.start()
        host.catchUp(to: .zero + .seconds(5))
        host.receive(rapiBytes: Array("$GV^35\r".utf8))
        host.receive(topic: try #require(host.everest.commandTopics.first), payload: Array("nonsense".utf8))
        host.perform(.station(.plug))
        for second in 6...40 {
            host.catchUp(to: .zero + .seconds(Int64(second)))
            host.tick()
        }
        host.receive(rapiBytes: Array("$GS^30\r".utf8))
        drain(&host)
        return (host, trace)
    }

    /// OCPP UpdateFirmware goes through the system face as the OCPP module forwards it to the
    /// system module: an `http://` image is a real transfer; without a system face it is simulated.
    @Test(arguments: [true, false])
    func ocppUpdateFirmwareIsARealDownloadThroughTheSystemFace(systemFace: Bool) throws {
        let library = try LiveSetup.library()
        let station = Station(
            profile: try library.stationProfile(ProfileSelection(profile: "everest-yeti-3ph"), file: "test"),
            vehicle: try library.vehicleProfile(ProfileSelection(profile: "compact-40kwh-1ph"), file: "test"), seed: 3)
        var host = StationHost(
            station: station, everest: EverestFaceConfiguration(), publishesEverything: false, tracesEvents: false,
            systemModuleID: systemFace ? "system" : nil, systemEffects: LiveSystemEffects(),
            defersSystemTransfers: true, ocpp: OCPPFaceConfiguration(chargePointID: "CP"))
        host.start()
        let call =
            #"[2,"fw","UpdateFirmware",{"location":"http://127.0.0.1:9/fw.bin","retrieveDate":"2020-01-01T00:00:00Z"}]"#
        host.receive(ocppFrame: Array(call.utf8))
        let transfers = host.takeTransfers()
        #expect(transfers.count == (systemFace ? 1 : 0))
        let retrieval = try #require(host.station.system.firmware?.retrieval)
        #expect(retrieval == (systemFace ? .pending(transfer: 1) : .simulated))
    }

    @Test func uploadedLogIsTheStationsTraceWithRAPIAndMQTT() throws {
        let (host, trace) = try Self.drivenHost()
        let system = try #require(host.system)
        let log = String(decoding: system.logText(station: host.station, oldest: nil, latest: nil), as: UTF8.self)
        let lines = log.split(separator: "\n").map(String.init)
        let header = try JSONParser().parse(try #require(lines.first), file: "log")
        #expect(header["start_epoch"]?.numberValue != nil, "header: \(lines.first ?? "")")
        // Every record the trace got, in the trace's order and bytes.
        #expect(Array(lines.dropFirst()) == trace)
        let kinds = Set(
            try lines.dropFirst().map { try JSONParser().parse($0, file: "log")["kind"]?.stringValue ?? "" })
        for kind in ["rapi.in", "rapi.out", "mqtt.reject", "mqtt.publish", "evse.state", "vehicle.plug"] {
            #expect(kinds.contains(kind), "no \(kind) in the log: \(kinds.sorted())")
        }
        // The same run gives the same log.
        let again = try Self.drivenHost().host
        #expect(again.system?.logText(station: again.station, oldest: nil, latest: nil) == Array(log.utf8))
        // A window keeps only the records inside it.
        let start = try #require(header["start_epoch"]?.numberValue?.int64Value)
        let window = system.logText(station: host.station, oldest: start + 6, latest: start + 6)
        let times = String(decoding: window, as: UTF8.self).split(separator: "\n").dropFirst().map {
            (try? JSONParser().parse(String($0), file: "log")["t"]?.numberValue?.text) ?? "?"
        }
        #expect(!times.isEmpty && times.allSatisfy { $0.hasPrefix("6") }, "\(times)")
    }

    @Test func slowDownloadDoesNotStopTheOneHertzPublications() throws {
        let server = try SlowHTTPServer(delay: .seconds(3), body: Array(repeating: 0x5A, count: 4096))
        let scenario = """
            {
              "schema": "evsesim/scenario@1", "name": "slow download",
              "station": { "profile": "openevse-8.2.3-us" },
              "vehicle": { "profile": "compact-40kwh-1ph" },
              "steps": [
                { "at": "1s", "system": { "request": "update_firmware", "payload": {
                  "request_id": 1, "location": "http://127.0.0.1:\(server.port)/fw.bin", "retries": 1 } } }
              ],
              "until": "+300s"
            }
            """
        var configuration = try LiveSetup.configuration(scenario: scenario, ptyPath: nil)
        configuration.systemEffects = LiveSystemEffects()
        let driver = try LiveDriver(configuration, pacing: .scaled(10))
        let published = Mutex<[(topic: String, payload: String, at: ContinuousClock.Instant)]>([])
        driver.fleet.onPublish = { message in
            published.withLock { $0.append((message.topic, message.payloadText, .now)) }
        }
        try driver.run(until: .zero + .seconds(200)) {
            published.withLock { $0.contains { $0.payload.contains("Downloaded") } }
        }
        let (accepted, answered) = try #require(server.window, "the server was never asked")
        let messages = published.withLock { $0 }
        let during = messages.filter { !$0.topic.contains("/system/") && $0.at > accepted && $0.at < answered }
        let statuses = messages.filter { $0.topic.hasSuffix("firmware_update_status") }
        // Measured, not asserted: at x10, three seconds hold about 30 ticks.
        print("slow download: \(during.count) publications while the server held the request for 3 s")
        #expect(!during.isEmpty, "no publication while the download ran: the loop waited for it")
        #expect(statuses.map(\.payload).contains { $0.contains("Downloaded") }, "\(statuses.map(\.payload))")
        let downloaded = try #require(statuses.first { $0.payload.contains("Downloaded") })
        #expect(downloaded.at >= answered, "Downloaded was reported before the real transfer ended")
    }
}

/// A loopback HTTP server that answers one GET after `delay`, noting when it took and answered it.
final class SlowHTTPServer: Sendable {
    let port: Int
    private let times = Mutex<(ContinuousClock.Instant?, ContinuousClock.Instant?)>((nil, nil))
    private let socket: Int32

    /// When the request came and when it was answered, once it was.
    var window: (ContinuousClock.Instant, ContinuousClock.Instant)? {
        times.withLock { t in t.0.flatMap { a in t.1.map { (a, $0) } } }
    }

    init(delay: Duration, body: [UInt8]) throws {
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        socket = fd
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 4) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw TestSetupError("cannot listen on loopback: errno \(errno)") }
        port = Int(UInt16(bigEndian: address.sin_port))
        let listener = fd
        Thread.detachNewThread { [self] in
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }
            var request: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while !request.suffix(4).elementsEqual([13, 10, 13, 10]) {
                let n = read(client, &buffer, buffer.count)
                if n <= 0 { break }
                request += buffer[0..<n]
            }
            self.times.withLock { $0.0 = .now }
            Thread.sleep(forTimeInterval: Double(delay.components.seconds))
            let head = "HTTP/1.1 200 OK\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n"
            let reply = Array(head.utf8) + body
            self.times.withLock { $0.1 = .now }
            _ = reply.withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
            close(client)
        }
    }

    deinit { close(socket) }
}
