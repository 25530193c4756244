import Foundation
import Glibc
import Testing

@testable import Live
@testable import Transport

extension LiveServeTests {
    /// The built `evsesim serve` executable, with `mosquitto_sub`/`mosquitto_pub` as peers.
    @Suite(
        "evsesim serve, end to end",
        .enabled(if: LiveSetup.executable != nil, "evsesim is not built next to the test bundle")
    )
    struct ServeExecutableTests {
        /// A command sent at `at` seconds after the banner, and what must follow on `topic` within
        /// `within` seconds: the next tick's publication, or later when the model takes its time.
        struct Command: Sendable {
            var at: Double
            var name: String
            var payload: String
            var topic: String
            var within: Double = 1.5
            var effect: @Sendable ([String: Any]) -> Bool
        }

        static let commands: [Command] = [
            Command(at: 4, name: "set_limit_amps", payload: "10", topic: "limits") { number($0["max_current"]) == 10 },
            Command(at: 7, name: "set_limit_amps_phases", payload: #"{"amps": 12, "phases": 1}"#, topic: "limits") {
                number($0["max_current"]) == 12
            },
            Command(at: 10, name: "pause_charging", payload: "", topic: "session_info") {
                $0["state"] as? String == "ChargingPausedEVSE"
            },
            // The model takes 2.35 s from resume to ChargingStarted (EV response, relay), then the tick.
            Command(at: 13, name: "resume_charging", payload: "", topic: "session_info", within: 3.6) {
                $0["state"] as? String == "Charging"
            },
            // Before the disable: the enable after it ends the session (EvseManager's Idle), so
            // there would be no transaction left to stop.
            Command(at: 16.5, name: "stop_charging", payload: "", topic: "session_info") {
                ($0["state"] as? String)?.hasPrefix("Finished") == true
            },
            Command(
                at: 17.5, name: "enable_disable",
                payload: #"{"source": "LocalAPI", "state": "Disable", "priority": 50}"#,
                topic: "session_info"
            ) { source($0) == "LocalAPI/Disable/50" },
            Command(
                at: 20.5, name: "enable_disable",
                payload: #"{"source": "LocalAPI", "state": "Enable", "priority": 40}"#,
                topic: "session_info"
            ) { source($0) == "LocalAPI/Enable/40" },
            // Ignored by the real module with a log line: the next publications still show priority 40.
            Command(at: 23.5, name: "enable_disable", payload: "not json", topic: "session_info") {
                source($0) == "LocalAPI/Enable/40"
            },
            Command(at: 26.5, name: "set_limit_watts", payload: "1920", topic: "limits") {
                number($0["max_current"]).map { $0 > 0 && $0 < 12 } == true
            },
        ]

        /// The keys every payload of a JSON topic must have (the real module's shapes, the default flavour:
        /// everest-core `modules/API/API/API.cpp`, `limit_decimal_places.cpp`).
        static let requiredKeys: [String: Set<String>] = [
            "session_info": [
                "active_enable_disable_source", "charged_energy_wh", "charging_duration_s", "datetime",
                "discharged_energy_wh", "latest_total_w", "permanent_fault", "state",
            ],
            "limits": ["max_current", "nr_of_phases_available"],
            "telemetry": [
                "phase_seq_error", "temperature", "fan_rpm", "supply_voltage_12V", "supply_voltage_minus_12V",
            ],
            "powermeter": ["timestamp", "energy_Wh_import"],
            "hardware_capabilities": [
                "max_current_A_import", "min_current_A_import", "max_phase_count_import", "min_phase_count_import",
                "connector_type",
            ],
        ]

        @Test(
            "30 s at x1 on the shared broker: 1 Hz within 50 ms, well-formed payloads, every command has its effect, clean SIGINT",
            .enabled(if: sharedBrokerPort != nil, "MQTT_TEST_PORT is not set: run tools/test")
        )
        func mqttSession() throws {
            let port = try #require(sharedBrokerPort)
            let evse = "evsesim_e2e_\(getpid())_\(UInt16.random(in: 0...UInt16.max))"
            let link = uniqueLinkPath("serve-e2e")
            let scenarioPath = LiveSetup.temporaryPath("plug.json")
            defer { unlink(scenarioPath) }
            try LiveSetup.plugScenario(at: "2s").write(toFile: scenarioPath, atomically: true, encoding: .utf8)

            let subscriber = try startTimedSubscriber(
                port: port, topics: ["everest_api/\(evse)/var/#", "everest_api/connectors"], seconds: 50)
            defer { subscriber.stop() }
            // Cadence gets a subscriber of its own: one message a second never waits behind a
            // burst on the broker's side of the connection.
            let clock = try startTimedSubscriber(port: port, topics: ["everest_api/\(evse)/var/datetime"], seconds: 50)
            defer { clock.stop() }
            for peer in [subscriber, clock] {
                #expect(
                    waitUntil(timeout: .seconds(5)) {
                        usleep(5_000)
                        return peer.text.contains("SUBACK")
                    })
            }

            let serve = try ServeProcess([
                "--mqtt", "mqtt://127.0.0.1:\(port)", "--evse-id", evse, "--pty", link, "--scenario", scenarioPath,
            ])
            try #require(serve.waitUntilServing(), "serve did not start: \(serve.stdout) \(serve.stderr)")
            let start = unixNow()
            #expect(serve.stdout.contains("pty \(link) -> /dev/pts/"))
            #expect(serve.stdout.contains("everest_api/\(evse)/cmd/set_limit_amps"))

            var sent: [Double] = []
            var peers: [TestProcess] = []
            defer { for peer in peers { peer.stop() } }
            // The subscriber writes into a pipe: drain it while waiting, or it blocks when the
            // pipe is full and its arrival times stop meaning anything.
            func sleep(until offset: Double) {
                while unixNow() < start + offset {
                    subscriber.drain()
                    clock.drain()
                    usleep(20_000)
                }
            }
            for command in Self.commands {
                sleep(until: command.at)
                sent.append(unixNow())
                peers.append(
                    try publishWithPeer(
                        port: port, topic: "everest_api/\(evse)/cmd/\(command.name)", message: command.payload))
            }
            sleep(until: 33)
            #expect(serve.isRunning)
            serve.signal(SIGINT)
            let status = serve.exitStatus(within: .seconds(5))
            let stopped = unixNow()

            #expect(status == 0, "exit status; stderr: \(serve.stderr)")
            #expect(serve.stdout.contains("session ended (signal 2"), "stdout: \(serve.stdout)")
            #expect(serve.stdout.contains("max lag"))
            #expect(serve.stderr.contains("mqtt disconnected"))
            #expect(serve.stderr.contains("mqtt command rejected"), "the malformed enable_disable is logged")
            #expect(access(link, F_OK) != 0, "the pty link is removed")

            let arrivals = Arrival.parse(subscriber.text).filter { $0.time >= start && $0.time < stopped }
            func on(_ name: String) -> [Arrival] { arrivals.filter { $0.topic == "everest_api/\(evse)/var/\(name)" } }

            // Cadence, measured where a client sees it: datetime arrival times at the subscriber.
            let ticks = Arrival.parse(clock.text).filter { $0.time >= start && $0.time < stopped }.map(\.time)
            #expect(ticks.count >= 30, "\(ticks.count) datetime messages in 33 s")
            let intervals = zip(ticks.dropFirst(), ticks).map { $0 - $1 }
            let drift = ticks.enumerated().map { abs($1 - ticks[0] - Double($0)) }
            print(
                "cadence over \(ticks.count) ticks: intervals \(intervals.min() ?? 0)…\(intervals.max() ?? 0) s, "
                    + "max drift \(drift.max() ?? 0) s")
            #expect(intervals.allSatisfy { abs($0 - 1) <= 0.05 }, "intervals: \(intervals)")
            #expect(drift.allSatisfy { $0 <= 0.05 }, "drift from the first tick: \(drift)")
            let stamps = on("datetime").map(\.payload)
            #expect(stamps.allSatisfy { $0.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z/) != nil }, "\(stamps)")
            #expect(Set(stamps).count == stamps.count, "one datetime per simulated second")

            // Every JSON payload parses and has the documented keys.
            for (name, keys) in Self.requiredKeys {
                let messages = on(name)
                #expect(messages.count >= 30, "\(name): \(messages.count) messages")
                for message in messages {
                    let object = try #require(message.object, "\(name) is not a JSON object: \(message.payload)")
                    #expect(keys.isSubset(of: object.keys), "\(name) lacks \(keys.subtracting(object.keys))")
                }
            }
            let connectors = arrivals.filter { $0.topic == "everest_api/connectors" && $0.payload.contains(evse) }
            #expect(connectors.count >= 30)
            #expect(connectors.allSatisfy { $0.payload == "[\"\(evse)\"]" })

            // Every command has its effect by the next publication (before the next command).
            for (command, time) in zip(Self.commands, sent) {
                let effect = on(command.topic).first { $0.time > time && ($0.object.map(command.effect) ?? false) }
                #expect(effect != nil, "\(command.name) \(command.payload): no effect on \(command.topic)")
                if let effect {
                    print("\(command.name) \(command.payload): effect after \(effect.time - time) s")
                    #expect(effect.time - time < command.within, "\(command.name) took \(effect.time - time) s")
                }
            }
        }

        @Test("the broker is killed and restarted mid-session: no crash, telemetry and commands resume")
        func brokerRestart() throws {
            let broker = try TestBroker()
            try broker.start()
            let evse = "evsesim_restart_\(getpid())"
            let serve = try ServeProcess([
                "--mqtt", "mqtt://127.0.0.1:\(broker.port)", "--no-pty", "--evse-id", evse,
            ])
            try #require(serve.waitUntilServing(), "serve did not start: \(serve.stderr)")
            let before = try startTimedSubscriber(
                port: broker.port, topics: ["everest_api/\(evse)/var/datetime"], seconds: 10)
            defer { before.stop() }
            #expect(
                waitUntil(timeout: .seconds(5)) {
                    usleep(10_000)
                    return Arrival.parse(before.text).count >= 2
                })

            broker.stop()  // SIGTERM by PID
            // Waits for serve to notice the loss (not for a fixed time): it logs it once.
            #expect(
                waitUntil(timeout: .seconds(10)) {
                    usleep(10_000)
                    return serve.stderr.contains("mqtt broker unavailable")
                }, "stderr: \(serve.stderr)")
            #expect(serve.isRunning, "a lost broker never stops the simulation")
            try broker.start()  // same port, same configuration file
            let after = try startTimedSubscriber(port: broker.port, topics: ["everest_api/\(evse)/var/#"], seconds: 15)
            defer { after.stop() }
            #expect(
                waitUntil(timeout: .seconds(5)) {
                    usleep(10_000)
                    return after.text.contains("SUBACK")
                })
            let resumed = waitUntil(timeout: .seconds(10)) {
                usleep(20_000)
                return Arrival.parse(after.text).filter { $0.topic.hasSuffix("/var/datetime") }.count >= 2
            }
            #expect(resumed, "telemetry resumes after the broker comes back")

            // The subscriptions were made again: a command after the restart takes effect.
            let peer = try publishWithPeer(
                port: broker.port, topic: "everest_api/\(evse)/cmd/set_limit_amps", message: "7")
            defer { peer.stop() }
            let applied = waitUntil(timeout: .seconds(5)) {
                usleep(20_000)
                return Arrival.parse(after.text).contains {
                    $0.topic.hasSuffix("/var/limits") && number($0.object?["max_current"]) == 7
                }
            }
            #expect(applied, "set_limit_amps after the restart")

            serve.signal(SIGTERM)
            #expect(serve.exitStatus(within: .seconds(5)) == 0, "stderr: \(serve.stderr)")
            #expect(serve.stdout.contains("session ended (signal 15"))
            #expect(serve.stdout.contains("MQTT: 2 connection(s), 1 lost"), "stdout: \(serve.stdout)")
            #expect(!serve.stdout.contains("RAPI writes dropped"), "no pty, nothing to drop")
        }

        @Test(
            "refused options exit with a usage error",
            arguments: [
                (["--speed", "max"], "--speed max"),
                (["--stations", "2", "--pty", "/tmp/evsesim-x"], "--pty-pattern"),
                (["--flavor", "bogus"], "--flavor"),
                (["--no-pty", "--pty", "/tmp/x"], "--no-pty"),
                (["--mqtt", "http://x"], "--mqtt"),
            ])
        func refusedOptions(arguments: [String], mention: String) throws {
            let serve = try ServeProcess(arguments)
            #expect(serve.exitStatus(within: .seconds(10)) == 64)
            #expect(serve.stderr.contains(mention), "stderr: \(serve.stderr)")
        }
    }
}

/// A JSON number as a Double.
private func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }

/// `source/state/priority` of a session_info's active enable/disable source.
private func source(_ sessionInfo: [String: Any]) -> String? {
    guard let source = sessionInfo["active_enable_disable_source"] as? [String: Any] else { return nil }
    return "\(source["source"] ?? "?")/\(source["state"] ?? "?")/\(number(source["priority"]).map { Int($0) } ?? -1)"
}
