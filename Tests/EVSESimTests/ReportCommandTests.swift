import Foundation
import Testing

/// `run --report`, `run --trace-samples` and `evsesim report`, through the built executable.
@Suite struct ReportCommandTests {
    typealias CLI = CommandLineTests

    @Test func runWritesAPagePerScenarioAndAnIndex() throws {
        let scratch = try Scratch()
        let r = try CLI.run([
            "run", "-q", "Scenarios/full-session-to-target-soc.json", "Scenarios/ev-pause-resume.json",
            "--report", scratch.path("out/reports"),
        ])
        #expect(r.status == 0, "\(r.out)\(r.err)")
        let names = try FileManager.default.contentsOfDirectory(atPath: scratch.path("out/reports")).sorted()
        #expect(names == ["ev-pause-resume.html", "full-session-to-target-soc.html", "index.html"])
        let page = try String(
            contentsOfFile: scratch.path("out/reports/full-session-to-target-soc.html"), encoding: .utf8)
        #expect(page.contains("id=\"chart-power\"") && page.contains("href=\"#verdict-17\""))
    }

    @Test func reportFromATraceEqualsTheReportOfTheRun() throws {
        let scratch = try Scratch()
        let file = "Scenarios/ev-pause-resume.json"
        let run = try CLI.run([
            "run", "-q", file, "--trace-samples", "--trace", scratch.path("t.jsonl"), "--report", scratch.path("a"),
        ])
        #expect(run.status == 0, "\(run.out)\(run.err)")
        let report = try CLI.run(["report", scratch.path("t.jsonl"), "--out", scratch.path("b")])
        #expect(report.status == 0, "\(report.out)\(report.err)")
        let a = try String(contentsOfFile: scratch.path("a/ev-pause-resume.html"), encoding: .utf8)
        let b = try String(contentsOfFile: scratch.path("b/ev-pause-resume.html"), encoding: .utf8)
        #expect(a == b)
    }

    @Test func aTraceWithoutSamplesStillGivesVerdictsAndMarks() throws {
        let scratch = try Scratch()
        _ = try CLI.run(["run", "-q", "Scenarios/rapi-session.json", "--trace", scratch.path("t.jsonl")])
        let trace = try String(contentsOfFile: scratch.path("t.jsonl"), encoding: .utf8)
        #expect(!trace.contains("\"kind\":\"sample\""), "samples are opt-in: plain traces keep their bytes")
        let r = try CLI.run(["report", scratch.path("t.jsonl"), "--out", scratch.path("r")])
        #expect(r.status == 0, "\(r.out)\(r.err)")
        let page = try String(contentsOfFile: scratch.path("r/rapi-session.html"), encoding: .utf8)
        #expect(page.contains("no samples in the trace") && page.contains("id=\"verdict-1\""))
    }

    @Test func badTracesExitWithTheirCode() throws {
        let scratch = try Scratch()
        let missing = try CLI.run(["report", scratch.path("none.jsonl"), "--out", scratch.path("r")])
        #expect(missing.status == 3)
        #expect(missing.err.contains("none.jsonl"))
        let broken = try scratch.write("broken.jsonl", "{\"trace\":\"evsesim/trace@2\"}\nnot json\n")
        let r = try CLI.run(["report", broken, "--out", scratch.path("r")])
        #expect(r.status == 2)
        #expect(r.err.hasPrefix("\(broken):2: not JSON"), "\(r.err)")
    }
}
