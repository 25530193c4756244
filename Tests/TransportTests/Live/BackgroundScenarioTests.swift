import Foundation
import Glibc
import Scenario
import SimCore
import Testing

@testable import Live
@testable import Transport

extension LiveServeTests {
    /// A scenario's steps played in the background of a live session.
    @Suite("Background scenario")
    struct BackgroundScenarioTests {
        static let checks = """
            {
              "schema": "evsesim/scenario@1", "name": "live checks",
              "station": { "profile": "openevse-8.2.3-us" },
              "vehicle": { "profile": "compact-40kwh-1ph", "soc": 0.3 },
              "steps": [
                { "at": "5s", "do": "plug" },
                { "wait": "evse.state == C", "timeout": "10s", "label": "charging starts" },
                { "never": "evse.state == A", "for": "20s", "label": "stays plugged" },
                { "expect": { "evse.state": "B" }, "label": "deliberately wrong" },
                { "rapi": "$GS", "expect": "$OK 03 *" },
                { "do": "setLimit", "amps": 10 },
                { "expect": { "mqtt": { "topic": "var/limits", "json": { "max_current": 10 } } }, "label": "limit published" },
                { "wait": "offered.amps == 6", "timeout": "3s", "label": "never happens" },
                { "mqtt": { "topic": "cmd/set_limit_amps", "payload": "8" } },
                { "wait": "offered.amps == 8", "timeout": "3s", "label": "mqtt step applied" }
              ],
              "until": "+30s"
            }
            """

        @Test("actions at their times, checks decided and traced, RAPI steps skipped, nothing stops the session")
        func verdicts() throws {
            var configuration = try LiveSetup.configuration(scenario: Self.checks, ptyPath: nil)
            let tracePath = LiveSetup.temporaryPath("scenario.jsonl")
            defer { unlink(tracePath) }
            configuration.tracePath = tracePath
            let driver = try LiveDriver(configuration, pacing: .maximum)
            let report = try driver.run(until: .at(120))
            #expect(report.ending == .reachedLimit, "the session goes on past the scenario's end")
            let station = driver.fleet.stations[0]
            #expect(station.scheduleFinished && station.schedule == nil)

            let decided = station.verdicts.map { "\($0.label): \($0.passed)" }
            #expect(
                decided == [
                    "charging starts: true", "deliberately wrong: evse.state: false", "limit published: true",
                    "never happens: false", "mqtt step applied: true", "stays plugged: true",
                ])
            let plugged = try #require(station.verdicts.first)
            #expect(plugged.time > .at(5) && plugged.time < .at(15), "decided when charging started: \(plugged.time)")
            #expect(station.verdicts[1].detail == "expected evse.state B, found C")
            #expect(station.verdicts[1].location.hasPrefix("inline.json:"))
            #expect(station.station.query("offered.amps") == .number(8))

            driver.fleet.stop()
            let records = try LiveSetup.traceRecords(tracePath)
            let kinds = records.compactMap { $0["kind"] as? String }
            #expect(kinds.filter { $0 == "verdict" }.count == 6)
            #expect(kinds.filter { $0 == "scenario.step" }.count == 10)
            let skipped = records.first { $0["kind"] as? String == "scenario.skip" }
            #expect(skipped?["step"] as? String == "$GS")
            #expect(kinds.contains("mqtt.receive"), "the mqtt step went through the EVerest face")
        }

        @Test("stopping early decides the pending wait and the open invariant")
        func stopEarly() throws {
            let scenario = LiveSetup.plugScenario(
                at: "2s",
                extraSteps: """
                    ,
                    { "always": "vehicle.connected == true", "label": "connected throughout" },
                    { "wait": "offered.amps == 6", "timeout": "1h", "label": "pending at stop" }
                    """)
            let driver = try LiveDriver(try LiveSetup.configuration(scenario: scenario, ptyPath: nil), pacing: .maximum)
            try driver.run(until: .at(20))
            #expect(driver.fleet.stations[0].verdicts.map(\.label) == ["charging starts"])
            driver.fleet.stop()
            let verdicts = driver.fleet.stations[0].verdicts
            #expect(verdicts.map(\.label) == ["charging starts", "pending at stop", "connected throughout"])
            #expect(verdicts.map(\.passed) == [true, false, true])
            #expect(verdicts[1].detail.hasPrefix("the session ended before it was met"))
            #expect(verdicts[1].time == .at(20))
            #expect(
                driver.fleet.report(
                    LiveRunReport(
                        ending: .stopRequested, simStart: .zero, simEnd: .at(20), wallElapsed: .zero, eventInstants: 0,
                        lateEvents: 0, maxLag: .zero)
                ).verdicts.count == 3)
        }
    }
}
