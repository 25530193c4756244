import EVSEModel
import Testing

@testable import Scenario

/// A fast run keeps the station's log for uploads only when a step could ask for one.
@Suite struct RunnerLogKeepingTests {
    private static func scenario(extraStep: String) -> String {
        """
        {
          "schema": "evsesim/scenario@1", "name": "log", "seed": 1,
          "station": { "profile": "openevse-8.2.3-us" },
          "vehicle": { "profile": "compact-40kwh-1ph" },
          "steps": [
            { "do": "plug" },
            { "at": "+30s", "do": "unplug" }\(extraStep)
          ],
          "until": "+1m"
        }
        """
    }

    /// The uploaded log's lines after the header, as the system face would write them now.
    private static func logLines(_ json: String) throws -> [Substring] {
        var runner = try RunnerFixture.prepare(json).runner(options: RunOptions())
        _ = runner.run()
        let system = try #require(runner.host.system)
        let text = String(decoding: system.logText(station: runner.station, oldest: nil, latest: nil), as: UTF8.self)
        return text.split(separator: "\n").dropFirst().map { $0 }
    }

    @Test func noStepCanAskForAnUploadSoNothingIsKept() throws {
        #expect(try Self.logLines(Self.scenario(extraStep: "")).isEmpty)
    }

    @Test(arguments: [
        #", { "at": "+40s", "system": { "request": "get_boot_reason" } }"#,
        #", { "at": "+40s", "mqtt": { "topic": "everest_api/evse_manager/cmd/pause_charging", "payload": "" } }"#,
    ])
    func aStepThatCouldAskKeepsTheLog(step: String) throws {
        let lines = try Self.logLines(Self.scenario(extraStep: step))
        #expect(lines.contains { $0.contains("plug") }, "the log has the session: \(lines.prefix(3))")
    }
}
