import EverestAPI
import Foundation
import Glibc
import Testing
import Wire

@testable import Live
@testable import Transport

/// Against real brokers: the shared one tools/test starts (MQTT_TEST_PORT), and private ones on
/// free loopback ports for the tests that need to start and kill a broker themselves.
@Suite(
    "MosquittoClient against a real broker", .serialized,
    .enabled(
        if: sharedBrokerPort != nil,
        "MQTT_TEST_PORT is not set: run tools/test, or start mosquitto on a loopback port and export it")
)
struct MosquittoClientTests {
    let prefix = "evsesim-test/\(getpid())-\(UInt32.random(in: 0...UInt32.max))"

    func uniqueID(_ label: String) -> String { "evsesim-\(label)-\(getpid())-\(UInt16.random(in: 0...UInt16.max))" }

    /// Waits until a `mosquitto_sub -d` peer has its SUBACK, so nothing published later is missed.
    func waitForSubscriber(_ subscriber: TestProcess) -> Bool {
        waitUntil(timeout: .seconds(5)) {
            usleep(5_000)
            return subscriber.text.contains("SUBACK")
        }
    }

    @Test("connects, subscribes, receives a command and publishes in order")
    func roundTrip() throws {
        let port = try #require(sharedBrokerPort)
        var received: [MQTTMessage] = []
        let client = try MosquittoClient(
            options: MQTTOptions(port: port, clientID: uniqueID("roundtrip"), topicPrefix: prefix), logger: quietLogger
        ) { received.append($0) }
        try client.subscribe("cmd/#")
        client.start()
        #expect(client.pump { client.isSubscribed })

        let subscriber = try startSubscriber(port: port, topic: "\(prefix)/var/#", count: 20)
        defer { subscriber.stop() }
        #expect(waitForSubscriber(subscriber))
        for i in 1...20 { try client.publish("var/sequence", text: "\(i)") }
        #expect(client.pump { !subscriber.isRunning })
        #expect(receivedLines(subscriber, topicPrefix: prefix) == (1...20).map { "\(prefix)/var/sequence \($0)" })

        let peer = try publishWithPeer(port: port, topic: "\(prefix)/cmd/set_limit_amps", message: "16")
        defer { peer.stop() }
        #expect(client.pump { !received.isEmpty })
        #expect(received.map(\.topic) == ["cmd/set_limit_amps"])
        #expect(received.first?.text == "16")

        client.disconnect()
        #expect(client.state == .idle)
        #expect(client.socket == nil)
        #expect(client.statistics.published == 20)
    }

    @Test(
        "QoS 0 written by the client or by libmosquitto: all arrive, in order per QoS level, in and out of batches",
        arguments: [true, false])
    func mixedPathsKeepOrder(writesQoS0Itself: Bool) throws {
        let port = try #require(sharedBrokerPort)
        var received: [MQTTMessage] = []
        let client = try MosquittoClient(
            options: MQTTOptions(port: port, clientID: uniqueID("mixed"), topicPrefix: prefix),
            writesQoS0Itself: writesQoS0Itself, logger: quietLogger
        ) { received.append($0) }
        client.start()
        #expect(client.pump { client.state == .connected })
        #expect((client.direct != nil) == writesQoS0Itself)

        let count = 600
        let subscriber = try startSubscriber(port: port, topic: "\(prefix)/var/#", count: count)
        defer { subscriber.stop() }
        #expect(waitForSubscriber(subscriber))
        // Every seventh at QoS 1 (libmosquitto's path either way); one of 100 kB, past a write's
        // worth; the middle third in one batch, with a subscription made inside it.
        func payload(_ i: Int) -> String { i == 250 ? "\(i)" + String(repeating: "x", count: 100_000) : "\(i)" }
        func publish(_ i: Int) throws {
            try client.publish("var/seq", text: payload(i), qos: i % 7 == 0 ? 1 : 0)
            client.pumpOnce(maxWait: .zero)
        }
        for i in 0..<200 { try publish(i) }
        try client.batchingPublications {
            for i in 200..<400 {
                try client.publish("var/seq", text: payload(i), qos: i % 7 == 0 ? 1 : 0)
                if i == 300 { try client.subscribe("cmd/#") }
            }
        }
        for i in 400..<count { try publish(i) }
        // Reading its output as it comes: a 100 kB line would fill the pipe and stop it.
        #expect(
            client.pump(timeout: .seconds(20)) {
                subscriber.drain()
                return !subscriber.isRunning
            },
            "published \(client.statistics.published), queued \(client.queuedCount), wants write \(client.wantsWrite)")
        // MQTT orders a client's publications per QoS level only (MQTT 3.1.1, 4.6): libmosquitto
        // holds QoS 1 messages back while 20 are in flight, so each level is checked on its own.
        let lines = receivedLines(subscriber, topicPrefix: prefix)
        let expected = (0..<count).map { "\(prefix)/var/seq \(payload($0))" }
        #expect(lines.count == count)
        for level in [0, 1] {
            let ofLevel = { (line: String) in
                Int(line.dropFirst("\(prefix)/var/seq ".count).prefix { $0.isNumber })! % 7 == 0 ? 1 : 0
            }
            let got = lines.filter { ofLevel($0) == level }
            let want = expected.filter { ofLevel($0) == level }
            let firstDifference = zip(got, want).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            #expect(
                got == want, "QoS \(level): \(got.count) of \(want.count), first difference at \(firstDifference ?? -1)"
            )
        }

        #expect(client.pump { client.isSubscribed })
        let peer = try publishWithPeer(port: port, topic: "\(prefix)/cmd/start", message: "go")
        defer { peer.stop() }
        #expect(client.pump { !received.isEmpty })
        #expect(received.map(\.topic) == ["cmd/start"])

        // The retain flag of a QoS 0 publication reaches the broker: a later subscriber gets it.
        try client.publish("var/retained", text: "kept", retain: true)
        #expect(client.pump { !client.wantsWrite })
        let late = try startSubscriber(port: port, topic: "\(prefix)/var/retained", count: 1)
        defer { late.stop() }
        #expect(client.pump { !late.isRunning })
        #expect(receivedLines(late, topicPrefix: prefix) == ["\(prefix)/var/retained kept"])
        try client.publish("var/retained", payload: [], retain: true)  // clears it on the shared broker
        #expect(client.pump { !client.wantsWrite })
        #expect(client.statistics.published == count + 2)
        client.disconnect()
    }

    @Test("the first connection is retried until a broker appears")
    func firstConnectRetry() throws {
        let broker = try TestBroker()  // configured on a free port, not started yet
        let client = try MosquittoClient(
            options: MQTTOptions(port: broker.port, clientID: uniqueID("first")),
            backoff: ReconnectBackoff(initial: .milliseconds(20), maximum: .milliseconds(100)), logger: quietLogger)
        try client.publish("var/early", text: "queued before any broker existed")
        client.start()
        guard case .waitingToRetry = client.state else {
            Issue.record("expected to wait for a retry, found \(client.state)")
            return
        }
        client.pump(for: .milliseconds(500))
        #expect(client.statistics.connectAttempts >= 3)
        #expect(client.statistics.connections == 0)
        #expect(client.lastError?.errno == ECONNREFUSED)

        try broker.start()
        defer { broker.stop() }
        let subscriber = try startSubscriber(port: broker.port, topic: "var/#", count: 1)
        defer { subscriber.stop() }
        #expect(waitForSubscriber(subscriber))
        #expect(client.pump { client.state == .connected })
        #expect(client.pump { !subscriber.isRunning })
        #expect(receivedLines(subscriber, topicPrefix: "var/") == ["var/early queued before any broker existed"])
        #expect(client.statistics.connections == 1)
        #expect(client.lastError == nil)
        client.disconnect()
    }

    @Test("reconnects after the broker is killed and restarted; queued publications follow in order")
    func reconnectAfterBrokerRestart() throws {
        let broker = try TestBroker()
        try broker.start()
        defer { broker.stop() }
        var received: [MQTTMessage] = []
        let client = try MosquittoClient(
            options: MQTTOptions(port: broker.port, clientID: uniqueID("restart"), topicPrefix: prefix),
            queueCapacity: 5, backoff: ReconnectBackoff(initial: .milliseconds(20), maximum: .milliseconds(100)),
            logger: quietLogger
        ) { received.append($0) }
        try client.subscribe("cmd/#")
        client.start()
        #expect(client.pump { client.isSubscribed })

        broker.stop()
        #expect(client.pump { client.state != .connected })
        #expect(client.statistics.connectionLosses == 1)
        for i in 1...8 { try client.publish("var/sequence", text: "\(i)") }
        #expect(client.queuedCount == 5)
        #expect(client.droppedPublications == 3)

        try broker.start()
        // The client is caller-driven: it cannot reconnect before we pump it, so the peer is
        // subscribed before the queue is flushed.
        let subscriber = try startSubscriber(port: broker.port, topic: "\(prefix)/var/#", count: 5)
        defer { subscriber.stop() }
        #expect(waitForSubscriber(subscriber))
        #expect(client.pump { client.isSubscribed })
        #expect(client.pump { !subscriber.isRunning })
        #expect(receivedLines(subscriber, topicPrefix: prefix) == (4...8).map { "\(prefix)/var/sequence \($0)" })
        #expect(client.queuedCount == 0)
        #expect(client.statistics.connections == 2)

        // The subscription was made again on the new connection.
        let peer = try publishWithPeer(port: broker.port, topic: "\(prefix)/cmd/resume_charging", message: "")
        defer { peer.stop() }
        #expect(client.pump { !received.isEmpty })
        #expect(received.map(\.topic) == ["cmd/resume_charging"])
        client.disconnect()
    }

    @Test("a broker that stops reading fills the bounded queue, not memory; the newest follow in order")
    func stalledBrokerDropsTheOldest() throws {
        let broker = try TestBroker()
        try broker.start()
        defer { broker.stop() }
        let pid = try #require(broker.pid)
        let client = try MosquittoClient(
            options: MQTTOptions(port: broker.port, clientID: uniqueID("stall"), topicPrefix: prefix),
            queueCapacity: 100, logger: quietLogger)
        client.start()
        #expect(client.pump { client.state == .connected })

        // Stopped, the broker reads nothing: once the socket buffers are full, libmosquitto
        // would keep every further packet (50,000 of 4 KiB: 200 MB) without the queue's bound.
        kill(pid, SIGSTOP)
        let payload = [UInt8](repeating: UInt8(ascii: "x"), count: 4096)
        for i in 1...50_000 {
            try client.publish("var/bulk", payload: Array("\(i) ".utf8) + payload)
            client.pumpOnce(maxWait: .zero)
        }
        #expect(client.queuedCount == 100)
        #expect(client.statistics.dropped > 40_000)
        #expect(client.statistics.published + client.statistics.dropped + client.queuedCount == 50_000)

        kill(pid, SIGCONT)
        let subscriber = try startSubscriber(port: broker.port, topic: "\(prefix)/var/last", count: 1)
        defer { subscriber.stop() }
        #expect(waitForSubscriber(subscriber))
        #expect(client.pump { client.queuedCount == 0 && !client.wantsWrite })
        try client.publish("var/last", text: "after")
        #expect(client.pump { !subscriber.isRunning })
        #expect(receivedLines(subscriber, topicPrefix: prefix) == ["\(prefix)/var/last after"])
        #expect(client.statistics.published + client.statistics.dropped == 50_001)
        client.disconnect()
    }

    @Test(
        "refused credentials end the attempts at the first CONNACK; the right ones connect",
        arguments: [("alice", "wrong"), ("mallory", "secret"), ("alice", "secret")])
    func refusedCredentials(user: String, password: String) throws {
        let broker = try TestBroker(users: ["alice": "secret"])
        try broker.start()
        defer { broker.stop() }
        let client = try MosquittoClient(
            options: MQTTOptions(port: broker.port, clientID: uniqueID("auth"), username: user, password: password),
            backoff: ReconnectBackoff(initial: .milliseconds(20), maximum: .milliseconds(50)), logger: quietLogger)
        client.start()
        #expect(client.pump(timeout: .seconds(5)) { client.state == .refused || client.state == .connected })
        if password == "secret", user == "alice" {
            #expect(client.state == .connected)
            #expect(client.refusal == nil)
        } else {
            client.pump(for: .milliseconds(300))
            #expect(client.state == .refused)
            #expect(client.statistics.connectAttempts == 1, "no retry after a definite refusal")
            let error = try #require(client.refusal)
            #expect(error.operation == "CONNACK")
            #expect(error.text.contains("not authorised"))
            #expect(error.isDefiniteRefusal)
        }
        client.disconnect()
    }

    @Test("a missing CA file is reported by its path before any connection")
    func missingCAFile() throws {
        let options = try MQTTOptions(url: "mqtts://127.0.0.1:8883?cafile=/nonexistent/evsesim-ca.pem")
        #expect {
            _ = try MosquittoClient(options: options, logger: quietLogger)
        } throws: { error in
            "\(error)".contains("'/nonexistent/evsesim-ca.pem'") && "\(error)".contains("No such file")
        }
    }
}
