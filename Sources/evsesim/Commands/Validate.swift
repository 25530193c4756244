import ArgumentParser
import Scenario
import Live
import Transport

extension EVSESim {
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check scenario files without running them.",
            discussion: "Prints every problem with file:line:column, JSON path, what was expected and what was found.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("Scenario files (JSON, schema evsesim/scenario@1).", valueName: "file"))
        var files: [String]

        func run() throws {
            global.bootstrapLogging()
            let library = try global.library()
            var bad = 0
            for file in files {
                do {
                    let prepared = try PreparedScenario(bytes: TextFile.read(file), file: file, library: library)
                    print("ok    \(file): \(prepared.document.name) (\(prepared.document.steps.count) steps)")
                } catch let e as ScenarioValidationError {
                    bad += 1
                    print("error \(file): \(e.issues.count) problem\(e.issues.count == 1 ? "" : "s")")
                    for issue in e.issues { print("  \(issue)") }
                } catch {
                    bad += 1
                    print("error \(error)")
                }
            }
            if bad > 0 { throw Outcome.invalidInput }
        }
    }
}
