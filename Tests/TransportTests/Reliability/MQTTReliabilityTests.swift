import Foundation
import Glibc
import Testing

/// Reliability of the MQTT side of `evsesim serve` (README "Reliability"): the malformed-payload
/// corpus with a lost-command check, and repeated broker kills. Each test runs its own private
/// mosquitto. `tools/soak` runs the corpus with more rounds (`EVSESIM_MQTT_ROUNDS`) and more
/// kills (`EVSESIM_BROKER_KILLS`).
@Suite(
    "MQTT reliability", .serialized,
    .enabled(if: LiveSetup.executable != nil && findExecutable("mosquitto") != nil, "needs evsesim and mosquitto"))
struct MQTTReliabilityTests {
    static var rounds: Int { ProcessInfo.processInfo.environment["EVSESIM_MQTT_ROUNDS"].flatMap(Int.init) ?? 30 }
    static var kills: Int { ProcessInfo.processInfo.environment["EVSESIM_BROKER_KILLS"].flatMap(Int.init) ?? 5 }

    @Test(
        "malformed commands interleaved with valid ones: every valid one has its effect, every malformed one is logged and ignored",
        .enabled(if: SystemAPIPeerTests.peerPython != nil, "needs tools/test's venv (paho-mqtt)"))
    func malformedCorpus() throws {
        let broker = try TestBroker()
        try broker.start()
        let evse = "evsesim_corpus_\(getpid())"
        let serve = try ServeProcess([
            "--mqtt", "mqtt://127.0.0.1:\(broker.port)", "--no-pty", "--evse-id", evse, "--speed", "x10",
        ])
        try #require(serve.waitUntilServing(), "serve did not start: \(serve.stderr)")
        let client = try TestProcess(
            try #require(SystemAPIPeerTests.peerPython),
            [LiveSetup.clients + "/mqtt_corpus.py", String(broker.port), evse, String(Self.rounds)])
        defer { client.stop() }
        #expect(client.waitForExit(timeout: .seconds(Double(Self.rounds) * 10 + 60)), "\(client.errorText)")
        let line = try #require(client.text.split(separator: "\n").last, "stderr: \(client.errorText)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        print("mqtt corpus: \(line)")
        let malformed = try #require(result["malformed"] as? Int)
        #expect(result["valid"] as? Int == Self.rounds)
        #expect(malformed > Self.rounds * 30)
        #expect((result["lost"] as? [Any])?.isEmpty == true, "valid commands without their effect: \(line)")
        #expect((result["strays"] as? [Any])?.isEmpty == true, "a limit no valid command set: \(line)")
        #expect(serve.isRunning, "stderr tail: \(serve.stderr.suffix(2000))")
        // Every malformed command was logged with its reason (and nothing else was rejected).
        let rejected = serve.stderr.components(separatedBy: "mqtt command rejected").count - 1
        #expect(rejected == malformed, "\(rejected) rejections logged for \(malformed) malformed commands")
        // Still publishing afterwards.
        let after = try startTimedSubscriber(
            port: broker.port, topics: ["everest_api/\(evse)/var/datetime"], seconds: 10)
        defer { after.stop() }
        #expect(
            waitUntil(timeout: .seconds(8)) {
                usleep(20_000)
                return Arrival.parse(after.text).count >= 3
            }, "publications after the corpus")
        serve.signal(SIGTERM)
        #expect(serve.exitStatus(within: .seconds(10)) == 128 + SIGTERM)
        #expect(serve.stdout.contains("MQTT commands rejected: \(malformed)"), "stdout: \(serve.stdout)")
        #expect(!serve.stderr.contains("Fatal error"))
    }

    @Test("the broker killed (SIGKILL) and restarted again and again (5 times in CI): telemetry and commands resume after each")
    func repeatedBrokerKills() throws {
        let broker = try TestBroker()
        try broker.start()
        let evse = "evsesim_kills_\(getpid())"
        let serve = try ServeProcess([
            "--mqtt", "mqtt://127.0.0.1:\(broker.port)", "--no-pty", "--evse-id", evse, "--speed", "x5",
        ])
        try #require(serve.waitUntilServing(), "serve did not start: \(serve.stderr)")
        for kill in 1...Self.kills {
            let amps = 6 + kill % 20
            let subscriber = try startTimedSubscriber(
                port: broker.port, topics: ["everest_api/\(evse)/var/#"], seconds: 30)
            defer { subscriber.stop() }
            #expect(
                waitUntil(timeout: .seconds(5)) {
                    usleep(10_000)
                    return subscriber.text.contains("SUBACK")
                })
            let resumed = waitUntil(timeout: .seconds(15)) {
                usleep(20_000)
                return Arrival.parse(subscriber.text).filter { $0.topic.hasSuffix("/var/datetime") }.count >= 2
            }
            #expect(resumed, "telemetry before kill \(kill)")
            let peer = try publishWithPeer(
                port: broker.port, topic: "everest_api/\(evse)/cmd/set_limit_amps", message: "\(amps)")
            defer { peer.stop() }
            let applied = waitUntil(timeout: .seconds(10)) {
                usleep(20_000)
                return Arrival.parse(subscriber.text).contains {
                    $0.topic.hasSuffix("/var/limits") && ($0.object?["max_current"] as? NSNumber)?.intValue == amps
                }
            }
            #expect(applied, "set_limit_amps \(amps) before kill \(kill)")

            let lossesBefore = serve.stderr.components(separatedBy: "mqtt broker unavailable").count
            if let pid = broker.pid { Glibc.kill(pid, SIGKILL) }
            broker.stop()
            #expect(
                waitUntil(timeout: .seconds(15)) {
                    usleep(10_000)
                    return serve.stderr.components(separatedBy: "mqtt broker unavailable").count > lossesBefore
                }, "serve noticed kill \(kill): \(serve.stderr.suffix(1000))")
            #expect(serve.isRunning, "a lost broker never stops the simulation")
            try broker.start()
        }
        // After the last restart too.
        let last = try startTimedSubscriber(
            port: broker.port, topics: ["everest_api/\(evse)/var/datetime"], seconds: 20)
        defer { last.stop() }
        #expect(
            waitUntil(timeout: .seconds(15)) {
                usleep(20_000)
                return Arrival.parse(last.text).count >= 2
            }, "telemetry after the last restart")
        serve.signal(SIGTERM)
        #expect(serve.exitStatus(within: .seconds(10)) == 128 + SIGTERM, "stderr: \(serve.stderr.suffix(1000))")
        #expect(
            serve.stdout.contains("MQTT: \(Self.kills + 1) connection(s), \(Self.kills) lost"),
            "stdout: \(serve.stdout)")
        #expect(!serve.stderr.contains("Fatal error"))
    }
}
