import ArgumentParser
import Reports
import Transport

extension EVSESim {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Turn JSONL traces into an HTML report with charts.",
            discussion: """
                Writes one self-contained HTML page per trace (verdicts, and SVG charts of the pilot, currents, \
                power, energy, SoC, temperature, relay, EVerest state and errors over simulated time) plus \
                index.html. The readings come from the trace's sample records: record the trace with \
                evsesim run --trace FILE --trace-samples (run --report writes the same report directly).

                Examples:
                  evsesim run -q Scenarios/ev-pause-resume.json --trace-samples --trace p.jsonl && evsesim report p.jsonl
                  evsesim run -q Scenarios/ --trace-samples --trace traces/ && evsesim report traces/*.jsonl --out all

                \(Outcome.helpText)
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(
            help: ArgumentHelp("Traces written by evsesim run --trace (schema evsesim/trace@2).", valueName: "trace"))
        var traces: [String]

        @Option(help: ArgumentHelp("The report folder (created if missing).", valueName: "folder"))
        var out = "report"

        func run() throws {
            global.bootstrapLogging()
            var sessions: [ReportSession] = []
            for trace in traces {
                let bytes = try Outcome.reportingFileErrors { try TextFile.read(trace) }
                do {
                    sessions.append(
                        try ReportFolder.session(traceText: String(decoding: bytes, as: UTF8.self), file: trace))
                } catch {
                    Terminal.writeError("\(error)\n")
                    throw Outcome.invalidInput
                }
            }
            try Outcome.reportingFileErrors { try ReportWriter.write(sessions, to: out) }
            print("wrote \(out)/index.html and \(sessions.count) page\(sessions.count == 1 ? "" : "s")")
        }
    }
}
