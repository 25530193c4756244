import ArgumentParser
import Glibc
import Live
import Logging
import Scenario
import Transport

extension EVSESim {
    struct Replay: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-run a recorded serve session and compare every output, or turn it into a scenario.",
            discussion: """
                Reads a trace written by `evsesim serve --trace` (its header holds the profiles, options, seed and \
                start), re-runs the session in virtual time without pty or broker, feeding the recorded inputs \
                (pty bytes, MQTT commands, system API requests) at their instants, and compares every output \
                (RAPI replies and async lines, MQTT publications, station events) with the recording. Prints \
                "identical" or the first divergence (time, record kind, expected and found); exit 1 on a divergence.

                With --to-scenario, writes a scenario instead: the client's inputs as steps, the replies and \
                publications as expectations, so `evsesim run` turns the session into a regression test.

                Examples:
                  evsesim replay live.jsonl
                  evsesim replay live.jsonl --to-scenario regression.json && evsesim run regression.json

                \(Outcome.helpText)
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("A trace written by evsesim serve --trace.", valueName: "trace"))
        var file: String

        @Option(help: ArgumentHelp("Write a scenario reproducing the session here instead.", valueName: "file"))
        var toScenario: String?

        @Option(help: ArgumentHelp("Keep the replay's own trace here.", valueName: "path"))
        var trace: String?

        func run() throws {
            global.bootstrapLogging()
            let recorded = try read()
            if let toScenario { return try convert(recorded, to: toScenario) }
            // Only a background scenario needs the profiles (the recipe holds the resolved ones).
            let library = try? global.library()
            let output = trace ?? "/tmp/evsesim-replay-\(getpid()).jsonl"
            defer { if trace == nil { unlink(output) } }
            let outcome: LiveReplay.Outcome
            do {
                outcome = try LiveReplay.run(
                    trace: recorded, library: library, output: output, logger: Logger(label: "evsesim.replay"))
            } catch let error as FileError {
                Terminal.writeError("evsesim: \(error)\n")
                throw Outcome.fileError
            } catch let error as LiveSetupError where error.subject == "--trace" {
                Terminal.writeError("evsesim: \(error)\n")
                throw Outcome.fileError
            } catch {
                Terminal.writeError("evsesim: \(error)\n")
                throw Outcome.invalidInput
            }
            let span = HumanFormat.instant(recorded.end)
            if let divergence = outcome.comparison.divergence {
                Terminal.writeOut(
                    "✘ \(file): diverges after \(outcome.comparison.matched) identical records\n\(divergence)\n")
                throw Outcome.failed
            }
            Terminal.writeOut(
                "✔ \(file): identical — \(outcome.comparison.matched) records, \(outcome.inputs) inputs replayed, "
                    + "session of \(span)\n")
        }

        func read() throws -> RecordedTrace {
            let bytes = try Outcome.reportingFileErrors { try TextFile.read(file) }
            do {
                return try RecordedTrace(bytes: bytes, file: file)
            } catch {
                Terminal.writeError("evsesim: \(error)\n")
                throw Outcome.invalidInput
            }
        }

        func convert(_ recorded: RecordedTrace, to path: String) throws {
            let export: ScenarioExport
            do {
                export = try ScenarioExport(
                    trace: recorded, recipe: SessionRecipe(header: recorded.header, file: recorded.file))
            } catch {
                Terminal.writeError("evsesim: \(error)\n")
                throw Outcome.invalidInput
            }
            try Outcome.reportingFileErrors {
                let out = try TextFile(path: path)
                out.writeLine(String(export.text.dropLast()))
                out.flush()
            }
            Terminal.writeOut(
                "wrote \(path): \(export.rapiSteps) RAPI steps, \(export.mqttSteps) MQTT steps, "
                    + "\(export.expectations) MQTT expectations, \(export.backgroundSteps) background scenario steps\n")
        }
    }
}
