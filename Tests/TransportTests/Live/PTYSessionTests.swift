import EVSEModel
import Foundation
import Glibc
import RAPI
import SimCore
import Testing

@testable import Live
@testable import Transport

extension LiveServeTests {
    /// RAPI clients in separate processes against a ``LiveFleet`` driven by a ``LiveLoop`` in the
    /// test process.
    @Suite("RAPI clients on the pty")
    struct PTYSessionTests {
        @Test("a stdlib client: $GV, $GS, the $AT of a background plug, $SC 16 V, $GG, detach and reattach")
        func stdlibClientSession() throws {
            let link = uniqueLinkPath("serve-rapi")
            var configuration = try LiveSetup.configuration(scenario: LiveSetup.plugScenario(at: "30s"), ptyPath: link)
            let tracePath = LiveSetup.temporaryPath("session.jsonl")
            defer { unlink(tracePath) }
            configuration.tracePath = tracePath
            let profile = configuration.station
            let driver = try LiveDriver(configuration, pacing: .scaled(20))
            let client = try LiveSetup.client("rapi_session.py", ["session", link, "10"])
            defer { client.stop() }

            let report = try driver.run(until: .at(600)) { !client.isRunning }
            let station = driver.fleet.stations[0]
            let capacity = station.station.query("capacity.amps")
            driver.fleet.stop()
            let result = try client.jsonResult()
            print("pty session: \(report)")

            #expect(result["error"] == nil, "client failed: \(result["error"] ?? "")")
            let replies = try #require(result["replies"] as? [String: String])
            #expect(replies["GV"]?.hasPrefix("$OK \(profile.firmwareVersion) \(profile.rapiVersion)^") == true)
            #expect(replies["GS"]?.hasPrefix("$OK 01 ") == true, "state A before the plug")
            #expect((result["plugged"] as? String)?.hasPrefix("$AT 02 02 ") == true, "$AT on the plug")
            #expect(replies["SC"]?.hasPrefix("$OK 16") == true)
            #expect((result["charging"] as? String)?.hasPrefix("$AT 03 03 16 ") == true)
            let milliamps = replies["GG"].flatMap { $0.split(separator: " ").dropFirst().first }.flatMap { Int($0) }
            #expect(
                milliamps.map { $0 > 0 && $0 <= 16_000 } == true,
                "$GG while charging at 16 A: \(replies["GG"] ?? "none")")
            #expect(replies["GS2"]?.hasPrefix("$OK 03 ") == true, "a new client after reattaching sees state C")
            #expect(capacity == .number(16))
            #expect(station.verdicts.map(\.passed) == [true], "the background wait: \(station.verdicts)")
            #expect(access(link, F_OK) != 0, "the link is removed at stop")

            // Every line in and out is a trace record, and the client saw exactly what was written.
            let records = try LiveSetup.traceRecords(tracePath)
            func lines(_ kind: String) -> [String] {
                records.filter { $0["kind"] as? String == kind }.compactMap { $0["line"] as? String }
            }
            for command in ["$GV", "$GS", "$SC 16 V", "$GG"] {
                #expect(lines("rapi.in").contains(LiveSetup.checksummed(command)), "rapi.in \(command)")
            }
            let received = Array(replies.values) + (result["async"] as? [String] ?? [])
            for line in received {
                let escaped = RAPIFormat.escaped(Array((line + "\r").utf8))
                #expect(lines("rapi.out").contains(escaped), "rapi.out \(escaped)")
            }
            let kinds = records.compactMap { $0["kind"] as? String }
            #expect(kinds.filter { $0 == "pty.attach" }.count == 2)
            #expect(kinds.contains("pty.detach"))
            #expect(kinds.contains("vehicle.plug"))
            let plugTime = records.first { $0["kind"] as? String == "vehicle.plug" }?["t"] as? Double
            #expect(plugTime == 30, "the background plug happens at its scenario time")
        }

        @Test(
            "python-openevse 0.6, unmodified: version, status in state A, capacity; where it and the firmware disagree",
            .enabled(
                if: LiveSetup.openevsePython != nil,
                "no venv with python-openevse: run Tests/TransportTests/Clients/setup-python.sh (tools/test does)")
        )
        func pythonOpenEVSE() throws {
            let python = try #require(LiveSetup.openevsePython)
            let link = uniqueLinkPath("serve-openevse")
            let configuration = try LiveSetup.configuration(scenario: LiveSetup.plugScenario(at: "20s"), ptyPath: link)
            let profile = configuration.station
            let driver = try LiveDriver(configuration, pacing: .scaled(10))
            // What the firmware answers to $GE and $GC, asked of a copy of the station at start.
            let expectedGE = try Self.replyFields("$GE", station: driver.fleet.stations[0].station)
            let expectedGC = try Self.replyFields("$GC", station: driver.fleet.stations[0].station)
            let client = try LiveSetup.client("openevse_session.py", [link, "15"], python: python)
            defer { client.stop() }

            try driver.run(until: .at(600)) { !client.isRunning }
            let echoOn = driver.fleet.stations[0].rapi.isEchoOn
            driver.fleet.stop()
            let result = try client.jsonResult()
            print("python-openevse: \(result)")
            #expect(result["error"] == nil, "library failed: \(result["error"] ?? "")")
            func value(_ key: String) -> Any? { (result[key] as? [String: Any])?["value"] }

            #expect(
                value("version") as? [String: String]
                    == ["firmware": profile.firmwareVersion, "protocol": profile.rapiVersion])
            // status() parses $GS's state as decimal: fine for 01…09, a ValueError for the hex
            // states 0a, 0b, fe, ff (python-openevse `openevse.py`). State A is 01.
            #expect(value("status") as? String == "not connected")
            #expect(value("current_capacity") as? Int == Int(expectedGE[0]))
            #expect(
                value("current_capacity_range") as? [Int] == [Int(expectedGC[0]), Int(expectedGC[1])].compactMap { $0 })
            #expect(value("status_later") as? String == "charging", "state 03 after the background plug")
            let amps = (value("charging_current_and_voltage") as? [String: Double])?["amps"]
            #expect(amps.map { $0 > 0 } == true)

            // Disagreements with firmware 8.x, reproduced rather than bent to the library:
            // 1. Its constructor sends $FF E 0 to turn echo off; on firmware >= 4.0 that turns echo
            //    ON (open_evse `processCmd()`, case `FF E`). It survives only because its reply regex skips the
            //    echoed command lines (and the LF glued to them).
            #expect(echoOn, "the $FF E 0 echo bug is reproduced")
            // 2. elapsed() compares the $GS state to the string '3'; RAPI 5 sends '03', so it
            //    raises NotCharging even while charging (`BaseOpenEVSE.elapsed()`).
            #expect((result["elapsed"] as? [String: Any])?["raised"] as? String == "NotCharging")
            // 3. reset() sends $FR and waits 10 s for a line starting 'ST'; firmware 5.x boots with
            //    $AT/$AB instead, so it raises (not exercised: it costs 10 s of wall time).
        }

        @Test("$GS round trip over the pty from another process at 100 and 1000 requests/s (printed, not asserted)")
        func roundTripLatency() throws {
            var lines: [String] = []
            for baudPacing in [false, true] {
                let link = uniqueLinkPath("serve-latency")
                var configuration = try LiveSetup.configuration(ptyPath: link)
                configuration.baudPacing = baudPacing
                let driver = try LiveDriver(configuration, pacing: .scaled(1))
                for (rate, count) in baudPacing ? [(100, 200)] : [(100, 300), (1000, 2000)] {
                    let client = try LiveSetup.client(
                        "rapi_session.py", ["latency", link, String(rate), String(count)])
                    defer { client.stop() }
                    try driver.run(until: driver.fleet.now + .seconds(120)) { !client.isRunning }
                    let m = try client.jsonResult()
                    #expect(m["error"] == nil, "client failed: \(m["error"] ?? "")")
                    #expect(m["ok"] as? Int == count, "every $GS answered with $OK")
                    #expect(m["failures"] as? Int == 0)
                    lines.append(
                        "$GS round trip at \(rate)/s\(baudPacing ? " with baud pacing" : "") (achieved "
                            + "\(m["achieved_rate"] ?? "?")/s): p50 \(m["p50_us"] ?? "?") µs, "
                            + "p99 \(m["p99_us"] ?? "?") µs, max \(m["max_us"] ?? "?") µs")
                }
            }
            for line in lines { print(line) }
        }

        /// The reply fields (after `$OK`, before `^`) the RAPI face gives `command` on a copy of `station`.
        static func replyFields(_ command: String, station: Station) throws -> [String] {
            var copy = station
            var face = RAPIFace(station: copy)
            let out = face.receive(Array((command + "\r").utf8), station: &copy)
            let reply = try #require(out.writes.first { $0.kind == .reply })
            let text = String(decoding: reply.bytes, as: UTF8.self)
            let body = text.split(separator: "^").first.map(String.init) ?? text
            return body.split(separator: " ").dropFirst().map(String.init)
        }
    }
}
