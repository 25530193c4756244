import EVSEModel
import Foundation
import Live
import Logging
import Scenario
import SimCore
import Transport
import Wire

/// The floor under evsesim's MQTT figures: the same publications (topics and payload bytes
/// taken from one second of the same fleet), pre-encoded, sent once a second through the same
/// ``MosquittoClient`` on the same loop and broker, with no simulation at all.
enum MQTTFloorBenchmark {
    /// One steady-state second of `fleet`'s publications: the fleet runs offline (no broker)
    /// for `warmUp` seconds and the messages of its last second are kept.
    static func sampleSecond(of fleet: FleetDocument, warmUp: Int64 = 10) throws -> [MQTTMessage] {
        let live = try LiveFleet(
            fleet: fleet, options: FleetServeOptions(ptyPattern: nil), logger: LiveBenchmarkSupport.quiet)
        var messages: [MQTTMessage] = []
        live.onPublish = { messages.append($0) }
        try live.start()
        live.run(until: .zero + .seconds(warmUp - 1))
        messages.removeAll()
        live.run(until: .zero + .seconds(warmUp))
        live.stop()
        return messages
    }

    /// Publishes `messages` once a second for `seconds` to the broker on `port`.
    /// - Parameter writesQoS0Itself: false to publish through `mosquitto_publish`, one `write()`
    ///   each, as the client did before it wrote QoS 0 publications itself.
    static func run(
        messages: [MQTTMessage], port: Int, seconds: Int64, startup: Duration, writesQoS0Itself: Bool = true
    ) throws -> PublicationRun {
        let client = try MosquittoClient(
            options: MQTTOptions(url: "mqtt://127.0.0.1:\(port)", clientID: "evsesim-floor-\(getpid())"),
            queueCapacity: MosquittoClient.queueCapacity(publishingPerSecond: messages.count),
            writesQoS0Itself: writesQoS0Itself, logger: LiveBenchmarkSupport.quiet)
        let publisher = FloorPublisher(client: client, messages: messages)
        let loop = try LiveLoop(
            simulation: publisher, configuration: LiveLoop.Configuration(pacing: .scaled(1), handlesSignals: false),
            logger: LiveBenchmarkSupport.quiet)
        loop.register(client, name: "mqtt") { readiness in client.service(readiness.events, now: readiness.wallTime) }
        var run = try PublicationRun.measure(startup: startup) { loopStarts in
            client.start()
            loopStarts()
            _ = try loop.run(until: .zero + .seconds(seconds))
            client.disconnect()
            return client.statistics.published
        }
        run.dropped = client.statistics.dropped
        return run
    }

    /// A simulation that only publishes the same pre-encoded second over and over.
    final class FloorPublisher: LiveSimulation {
        let client: MosquittoClient
        let messages: [MQTTMessage]
        private(set) var now: SimInstant = .zero
        private var nextTick: SimInstant = .zero + .seconds(1)

        init(client: MosquittoClient, messages: [MQTTMessage]) {
            self.client = client
            self.messages = messages
        }

        func nextEventTime() -> SimInstant? { nextTick }

        func run(until t: SimInstant) {
            while nextTick <= t {
                client.batchingPublications {
                    for message in messages { try? client.publish(message.topic, payload: message.payload) }
                }
                nextTick = nextTick + .seconds(1)
            }
            now = t
        }
    }
}
