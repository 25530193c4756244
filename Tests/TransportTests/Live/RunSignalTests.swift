import Foundation
import FoundationXML
import Glibc
import Testing

/// `evsesim run` stopped by SIGINT or SIGTERM ends in order: the verdicts so far, a summary, the
/// trace flushed to its last whole record, the JUnit report written, exit 128 + signal.
@Suite("run interrupted by a signal", .serialized)
struct RunSignalTests {
    static let scenario = """
        {
          "schema": "evsesim/scenario@1", "name": "long wait",
          "station": { "profile": "openevse-8.2.3-us" },
          "vehicle": { "profile": "compact-40kwh-1ph", "soc": 0.3 },
          "steps": [
            { "do": "plug" },
            { "wait": "evse.state == C", "timeout": "30s", "label": "charging starts" },
            { "wait": "evse.state == A", "timeout": "2h", "label": "still waiting when stopped" }
          ],
          "until": "+1h"
        }
        """

    @Test("exit 128 + signal with verdicts, summary, trace and JUnit", arguments: [SIGINT, SIGTERM])
    func interrupted(signal: Int32) throws {
        let executable = try #require(LiveSetup.executable, "evsesim is built next to the tests")
        let scenario = LiveSetup.temporaryPath("long.json")
        let trace = LiveSetup.temporaryPath("long.jsonl")
        let junit = LiveSetup.temporaryPath("long.xml")
        defer { for path in [scenario, trace, junit] { unlink(path) } }
        try Self.scenario.write(toFile: scenario, atomically: true, encoding: .utf8)

        let run = try TestProcess(
            executable, ["run", scenario, "--speed", "x60", "--trace", trace, "--junit", junit])
        defer { run.stop() }
        let decided = waitUntil(timeout: .seconds(20)) {
            usleep(10_000)
            return run.text.contains("✔ charging starts")
        }
        try #require(decided, "the first verdict is printed as soon as it is decided: \(run.text)\(run.errorText)")
        run.signal(signal)
        try #require(run.waitForExit(timeout: .seconds(10)), "the run ends promptly after the signal")

        #expect(run.exitStatus == 128 + signal)
        let name = signal == SIGINT ? "SIGINT" : "SIGTERM"
        #expect(run.text.contains("✘ still waiting when stopped — interrupted by \(name) before it was met"))
        #expect(run.text.contains("INTERRUPTED (interrupted by \(name))"))
        #expect(run.text.contains("1 scenario: 0 passed, 1 failed (1 of 2 verdicts passed)"))

        let lines = try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n")
        for line in lines {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "a whole record: \(line)")
        }
        #expect(lines.last?.contains("\"kind\":\"scenario.end\"") == true)

        let xml = try String(contentsOfFile: junit, encoding: .utf8)
        #expect(xml.contains("<error message=\"interrupted by \(name)\">"))
        #expect(xml.contains("errors=\"1\""))
        #expect(XMLParser(data: Data(xml.utf8)).parse(), "the report is well-formed XML")
    }
}
