import ArgumentParser
import Glibc
import Live
import Reports
import Scenario
import SimCore
import Transport

extension EVSESim {
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run scenario files and print a verdict for every expectation.",
            discussion: """
                Every file is validated before the first one runs. A folder stands for the *.json files in it, \
                in name order. The same scenario and seed always give a byte-identical trace. With --trace -, \
                standard output carries only the JSONL trace and the verdicts go to standard error.

                \(Outcome.helpText)
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var limitOptions: LimitOptions

        @Argument(
            help: ArgumentHelp(
                "Scenario files (JSON, schema evsesim/scenario@1) or folders of them.", valueName: "file-or-folder"))
        var files: [String]

        @Option(help: "Override every scenario's seed.")
        var seed: UInt64?

        @Option(
            help: ArgumentHelp(
                "max (as fast as possible), realtime, or xN (N times faster than wall-clock, e.g. x10).",
                valueName: "speed"))
        var speed: Pacing = .maximum

        @Option(
            help: ArgumentHelp(
                "Write the JSONL trace here (a folder when running several scenarios; - for stdout).", valueName: "path"
            ))
        var trace: String?

        @Flag(help: "Include every 1 Hz MQTT publication in the trace.")
        var traceTelemetry = false

        @Option(help: ArgumentHelp("Write a JUnit XML report here (folders are created).", valueName: "file"))
        var junit: String?

        @Option(
            help: ArgumentHelp(
                "Write an HTML report with charts here: a page per scenario and index.html (the folder is created).",
                valueName: "folder"))
        var report: String?

        @Flag(help: "Add sample records of the station's readings to the trace (what evsesim report charts).")
        var traceSamples = false

        @Flag(name: .shortAndLong, help: "Print only failures and the summary.")
        var quiet = false

        func run() throws {
            global.bootstrapLogging()
            let library = try global.library()
            let files = try Outcome.reportingFileErrors { try ScenarioInputs.expand(self.files) }
            if files.count > 1, let trace, trace != "-", !trace.hasSuffix("/"), !ProfileLocator.isDirectory(trace) {
                throw ValidationError("--trace must name a folder (ending in /) when running \(files.count) scenarios")
            }
            // Validate everything first: a malformed scenario stops the run before anything runs.
            var prepared: [PreparedScenario] = []
            var invalid = false
            var unreadable = false
            for file in files {
                do {
                    prepared.append(
                        try ScenarioInputs.prepare(file, library: library, seed: seed, limits: limitOptions.limits))
                } catch let error as FileError {
                    unreadable = true
                    Terminal.writeError("evsesim: \(error)\n")
                } catch {
                    invalid = true
                    Terminal.writeError("\(error)\n")
                }
            }
            if unreadable { throw Outcome.fileError }
            if invalid { throw Outcome.invalidInput }

            RunInterrupt.install()
            var results: [ScenarioResult] = []
            var walls: [Double] = []
            var sessions: [ReportSession] = []
            for p in prepared {
                let recorder = report.map { _ in ReportRecorder(header: header(p.document)) }
                let (result, wall) = try Outcome.reportingFileErrors {
                    try execute(p, among: files.count, recorder: recorder)
                }
                if let recorder { sessions.append(recorder.session) }
                results.append(result)
                walls.append(wall)
                if result.interruption != nil { break }
            }
            let failedScenarios = results.filter { !$0.passed }.count
            let verdicts = results.reduce(0) { $0 + $1.verdicts.count }
            let failedVerdicts = results.reduce(0) { $0 + $1.failures.count }
            let unstarted = prepared.count - results.count
            say(
                "\(results.count) scenario\(results.count == 1 ? "" : "s"): \(results.count - failedScenarios) passed, "
                    + "\(failedScenarios) failed (\(verdicts - failedVerdicts) of \(verdicts) verdicts passed)"
                    + (unstarted > 0 ? "; \(unstarted) not run" : ""))
            if let junit {
                try Outcome.reportingFileErrors {
                    try TextFile.makeParentDirectory(of: junit)
                    let file = try TextFile(path: junit)
                    file.writeLine(JUnitReport.xml(results, wallSeconds: walls))
                    file.flush()
                    if let error = file.writeError { throw error }
                }
            }
            if let report { try Outcome.reportingFileErrors { try ReportWriter.write(sessions, to: report) } }
            if let sig = RunInterrupt.caught { throw ExitCode(128 + sig) }
            if failedScenarios > 0 { throw Outcome.failed }
        }

        /// Human output: standard output, or standard error when standard output carries the trace.
        func say(_ line: String) {
            if trace == "-" { Terminal.writeError(line + "\n") } else { print(line) }
        }

        func header(_ doc: ScenarioDocument) -> TraceHeader {
            TraceHeader(scenario: doc.name, file: doc.file, seed: doc.seed, start: doc.start.rfc3339(at: .zero))
        }

        func execute(_ p: PreparedScenario, among count: Int, recorder: ReportRecorder?) throws -> (
            ScenarioResult, Double
        ) {
            let doc = p.document
            if !quiet { say("▶ \(doc.file): \(doc.name) (seed \(doc.seed))") }
            for warning in p.warnings { say("  ⚠ \(warning)") }
            var options = RunOptions()
            options.traceTelemetry = traceTelemetry
            options.traceSamples = traceSamples || recorder != nil
            options.systemEffects = LiveSystemEffects()
            let traceFile = try trace.map { path throws in
                let file = tracePath(path, for: doc.file, among: count)
                try TextFile.makeParentDirectory(of: file)
                return try TextFile(path: file)
            }
            if let traceFile {
                let writer = TraceWriter()
                traceFile.writeLine(
                    writer.header(
                        scenario: doc.name, file: doc.file, seed: doc.seed, start: doc.start.rfc3339(at: .zero)))
                let lines = TraceLineWriter()
                options.trace = { record in traceFile.writeLine { lines.append(record, to: &$0) } }
            }
            if let recorder {
                let traceToFile = options.trace
                options.trace = { record in
                    traceToFile?(record)
                    recorder.add(record)
                }
            }
            var clock: PacedClock?
            if speed != .maximum {
                let paced = PacedClock(pacing: speed)
                // A paced run is watched live: what happened is on disk before each wait.
                options.pace = { t in
                    traceFile?.flush()
                    paced.wait(for: t)
                }
                clock = paced
            }
            let showsProgress = Terminal.stderrIsTTY && !quiet
            if showsProgress {
                options.progress = { now, end in Terminal.writeError("\r  \(now) of \(end)…\u{1B}[K") }
            }
            let quiet = self.quiet
            options.verdict = { v in
                guard !quiet || !v.passed else { return }
                if showsProgress { Terminal.writeError("\r\u{1B}[K") }
                let mark = v.passed ? "✔" : "✘"
                let at = HumanFormat.instant(v.time) + (v.passed ? "" : ", \(v.location)")
                say("  \(mark) \(v.label) — \(HumanFormat.text(v.detail)) [\(at)]")
                // Streamed: a CI log or a pipe shows each verdict when it is decided.
                fflush(nil)
            }
            options.shouldStop = { RunInterrupt.caught.map { "interrupted by \(RunInterrupt.name($0))" } }
            let started = ContinuousClock.now
            var runner = p.runner(options: options)
            let result = runner.run()
            let wall = (ContinuousClock.now - started).secondsDouble
            traceFile?.flush()
            if let error = traceFile?.writeError { throw error }
            if showsProgress { Terminal.writeError("\r\u{1B}[K") }
            if !quiet || !result.passed {
                let passed = result.verdicts.count - result.failures.count
                let state = result.interruption.map { "INTERRUPTED (\($0))" } ?? (result.passed ? "PASS" : "FAIL")
                say(
                    "  \(state): \(passed)/\(result.verdicts.count) verdicts, simulated "
                        + "\(HumanFormat.duration(result.endTime.sinceStart)) in \(threeDecimals(wall)) s "
                        + "(\(result.eventCount) events)")
            }
            if let clock, clock.report.lateEvents > 0 {
                let (maxLag, late) = clock.report
                say("  lag: \(late) events ran more than 10 ms behind the wall clock (worst \(maxLag))")
            }
            return (result, wall)
        }

        func tracePath(_ path: String, for scenario: String, among count: Int) -> String {
            guard path != "-", count > 1 || path.hasSuffix("/") || ProfileLocator.isDirectory(path) else {
                return path
            }
            let base = scenario.split(separator: "/").last.map(String.init) ?? scenario
            let stem = base.hasSuffix(".json") ? String(base.dropLast(5)) : base
            return (path.hasSuffix("/") ? path : path + "/") + stem + ".trace.jsonl"
        }
    }
}
