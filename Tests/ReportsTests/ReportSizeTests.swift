import Foundation
import Testing

@testable import Reports

/// A week-long run's report stays small (README "Reports": under 3 MB a page), because every
/// series is thinned to about four points per pixel and marks share a tick per pixel column.
@Suite struct ReportSizeTests {
    static let bound = 3_000_000

    /// Seven days: a charge every evening, the ambient temperature changing every hour, a RAPI
    /// poll every 10 minutes and a limit change every 6 hours.
    static var week: String {
        var steps: [String] = []
        for minute in stride(from: 0, to: 7 * 24 * 60, by: 10) {
            let at = "\"at\": \"\(minute * 60)s\""
            if minute % (24 * 60) == 18 * 60 {
                steps.append("{ \(at), \"do\": \"setSoc\", \"soc\": 0.2 }")
                steps.append("{ \"do\": \"plug\" }")
            } else if minute % (24 * 60) == 7 * 60, minute > 0 {
                steps.append("{ \(at), \"do\": \"unplug\" }")
            } else if minute % 60 == 0 {
                steps.append("{ \(at), \"do\": \"setAmbient\", \"celsius\": \(15 + (minute / 60) % 12) }")
            } else {
                steps.append("{ \(at), \"rapi\": \"$GS\" }")
            }
            if minute % 360 == 0 {
                steps.append(
                    "{ \"mqtt\": { \"topic\": \"cmd/set_limit_amps\", \"payload\": \"\(16 + minute / 360 % 4)\" } }")
            }
        }
        steps.append("{ \"never\": \"meter.power > 0 && evse.state != C\", \"label\": \"energy only in C\" }")
        return """
            { "schema": "evsesim/scenario@1", "name": "A week of evenings", "seed": 5,
              "start": "2026-03-02T00:00:00Z",
              "station": { "profile": "openevse-8.2.3-eu" }, "vehicle": { "profile": "compact-40kwh-1ph" },
              "steps": [
            \(steps.joined(separator: ",\n"))
              ],
              "until": "+1h" }
            """
    }

    @Test func aWeekLongReportStaysUnderTheBound() throws {
        let (session, trace) = try ReportFixture.run(bytes: Array(Self.week.utf8), file: "week.json")
        #expect(session.end >= 7 * 86_400)
        #expect(session.rapi.count > 700)
        let html = ReportPage(session: session).html
        #expect(html.utf8.count < Self.bound, "report of \(html.utf8.count) bytes")
        #expect(XMLCheck.parse(html).error == nil)
        // The extremes survive: the highest power of the week is on the chart's y range.
        let power = try #require(session.series["power"]?.map(\.v).max())
        #expect(power > 3_000)
        // The trace itself stays far from a sample a second.
        let samples = trace.split(separator: "\n").count { $0.contains("\"kind\":\"sample\"") }
        #expect(samples < 7 * 86_400 / 10)
    }
}
