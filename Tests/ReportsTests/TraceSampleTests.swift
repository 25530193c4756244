import Foundation
import Testing

@testable import Reports

@Suite struct TraceSampleTests {
    @Test func samplesKeepTheTraceByteIdentical() throws {
        let (_, a) = try ReportFixture.run(library: "full-session-to-target-soc.json")
        let (_, b) = try ReportFixture.run(library: "full-session-to-target-soc.json")
        #expect(a == b)
        let samples = a.split(separator: "\n").filter { $0.contains("\"kind\":\"sample\"") }
        // About one a minute while charging (at most one per 10 s), not one a second.
        #expect(samples.count > 100 && samples.count < 3 * 3_600 / 10 + 100)
        #expect(
            samples[0]
                == "{\"t\":0,\"src\":\"station\",\"kind\":\"sample\",\"duty\":100.0,\"offered\":32.0,\"l1\":0.00,"
                + "\"l2\":0.00,\"l3\":0.00,\"power\":0,\"energy\":0.0,\"soc\":0.0000,\"temp\":25.00,\"pilot\":\"A\","
                + "\"relay\":false,\"everest\":\"idle\",\"errors\":\"\"}")
    }

    @Test(arguments: ReportXMLTests.scenarios)
    func aReportFromTheTraceFileEqualsTheOneFromTheRun(scenario: String) throws {
        let (direct, trace) = try ReportFixture.run(library: scenario)
        let read = try ReportFolder.session(traceText: trace, file: "t.jsonl")
        #expect(read.header == direct.header)
        #expect(ReportPage(session: read).html == ReportPage(session: direct).html)
    }

    @Test func aDiscreteChangeIsSampledAtOnce() throws {
        let (session, _) = try ReportFixture.run(library: "full-session-to-target-soc.json")
        // The plug at 10 s shows as pilot B at 10 s, not at the next 10 s boundary.
        let pilot = try #require(session.series["pilot"])
        let b = try #require(session.categories["pilot"]?.firstIndex(of: "B"))
        #expect(pilot.contains(ChartPoint(10, Double(b))))
    }

    @Test func aBrokenTraceIsRefusedWithItsLine() {
        #expect(throws: TraceReader.Failure.self) {
            try ReportFolder.session(traceText: "{\"trace\":\"other\"}\n", file: "x.jsonl")
        }
        do {
            _ = try ReportFolder.session(
                traceText: "{\"trace\":\"evsesim/trace@2\",\"scenario\":\"s\"}\n{\"t\":1}\n", file: "x.jsonl")
            Issue.record("accepted a record without src and kind")
        } catch {
            #expect("\(error)" == "x.jsonl:2: expected a record with t, src and kind")
        }
    }
}
