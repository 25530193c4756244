import Foundation
import Glibc
import SimCore
import Testing

@testable import Live
@testable import Transport

/// The whole edge at once, as live mode will wire it: one loop, a pty client and MQTT peers.
@Suite(
    "Live loop with pty and MQTT", .serialized,
    .enabled(
        if: sharedBrokerPort != nil,
        "MQTT_TEST_PORT is not set: run tools/test, or start mosquitto on a loopback port and export it")
)
struct LiveEndToEndTests {
    @Test("at x10: telemetry every simulated second, a command and a RAPI line each applied at their instant")
    func everythingTogether() throws {
        let port = try #require(sharedBrokerPort)
        let prefix = "evsesim-test/\(getpid())-e2e-\(UInt32.random(in: 0...UInt32.max))"
        let sim = DemoCounter(period: .seconds(1))
        let device = try PTYDevice(
            linkPath: uniqueLinkPath("e2e"), detachedCheckInterval: .milliseconds(20), logger: quietLogger)
        defer { device.close() }
        let client = try MosquittoClient(
            options: MQTTOptions(port: port, clientID: "evsesim-e2e-\(getpid())", topicPrefix: prefix),
            backoff: ReconnectBackoff(initial: .milliseconds(20), maximum: .milliseconds(100)), logger: quietLogger)
        defer { client.disconnect() }
        let loop = try LiveLoop(
            simulation: sim, configuration: LiveLoop.Configuration(pacing: .scaled(10), handlesSignals: false),
            logger: quietLogger)

        var mqttStamps: [SimInstant] = []
        client.onMessage = { message in
            mqttStamps.append(sim.now)
            sim.receive("mqtt \(message.topic) \(message.text ?? "")")
        }
        var rapiStamps: [SimInstant] = []
        loop.register(device, name: "pty") { readiness in
            for case .received(let bytes) in device.service(readiness.events, now: readiness.wallTime) {
                rapiStamps.append(readiness.simTime)
                sim.receive("rapi \(String(decoding: bytes, as: UTF8.self))")
                device.write("$OK^20\r", now: readiness.wallTime)
            }
        }
        loop.register(client, name: "mqtt") { readiness in client.service(readiness.events, now: readiness.wallTime) }
        sim.onTick = { t in try? client.publish("var/tick", text: "\(t.sinceStart.wholeSeconds)") }
        try client.subscribe("cmd/#")
        client.start()

        let subscriber = try startSubscriber(port: port, topic: "\(prefix)/var/#", count: 10)
        defer { subscriber.stop() }
        #expect(
            waitUntil(timeout: .seconds(5)) {
                usleep(5_000)
                return subscriber.text.contains("SUBACK")
            })

        var peers: [TestProcess] = []
        defer { for peer in peers { peer.stop() } }
        sim.schedule(at: .seconds(3)) {
            if let peer = try? publishWithPeer(port: port, topic: "\(prefix)/cmd/set_limit_amps", message: "16") {
                peers.append(peer)
            }
            if let rapi = try? PTYClient.start([.open(device.linkPath), .write("$SC 16\r"), .read(until: "\r"), .close])
            {
                peers.append(rapi)
            }
        }
        let report = try loop.run(until: .seconds(10))
        print("end to end: \(report); inputs \(sim.inputs)")

        #expect(report.ending == .reachedLimit)
        #expect(sim.ticks.count == 10)
        #expect(client.pump { !subscriber.isRunning })
        #expect(receivedLines(subscriber, topicPrefix: prefix) == (1...10).map { "\(prefix)/var/tick \($0)" })
        #expect(sim.inputs.map(\.text).sorted() == ["mqtt cmd/set_limit_amps 16", "rapi $SC 16\r"])
        for stamp in mqttStamps + rapiStamps {
            #expect(stamp >= .seconds(3) && stamp <= .seconds(10))
        }
        #expect(client.statistics.connections == 1)
        #expect(client.statistics.published == 10)
    }
}
