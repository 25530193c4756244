import ArgumentParser
import Live
import Scenario
import Transport

extension EVSESim {
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check scenario and fleet files without running them.",
            discussion: """
                Prints every problem with file:line:column, JSON path, what was expected and what was found. \
                Scenario files (evsesim/scenario@1) and fleet files (evsesim/fleet@1) are told apart by their \
                schema tag; a folder stands for the *.json files in it.

                Examples:
                  evsesim validate Scenarios/ev-pause-resume.json
                  evsesim validate Profiles/fleets/three-bays.json
                  evsesim validate --max-steps 1000 Scenarios/

                \(Outcome.helpText)
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var limitOptions: LimitOptions

        @Argument(
            help: ArgumentHelp(
                "Scenario or fleet files (JSON), or folders of them.", valueName: "file-or-folder"))
        var files: [String]

        func run() throws {
            global.bootstrapLogging()
            let library = try global.library()
            let files = try Outcome.reportingFileErrors { try ScenarioInputs.expand(self.files) }
            var bad = 0
            var unreadable = 0
            for file in files {
                do {
                    print("ok    \(file): \(try summary(of: file, library: library))")
                } catch let e as ScenarioValidationError {
                    bad += 1
                    print("error \(file): \(e.issues.count) problem\(e.issues.count == 1 ? "" : "s")")
                    for issue in e.issues { print("  \(issue)") }
                } catch {
                    unreadable += 1
                    print("error \(error)")
                }
            }
            if unreadable > 0 { throw Outcome.fileError }
            if bad > 0 { throw Outcome.invalidInput }
        }

        /// Validates one file as what its schema tag says it is; returns its one-line summary.
        func summary(of file: String, library: ProfileLibrary) throws -> String {
            try ScenarioInputs.checkSize(file, limits: limitOptions.limits)
            let bytes = try TextFile.read(file)
            if ScenarioDocument.schemaTag(of: bytes, maximumValues: limitOptions.limits.values)
                == FleetDocument.schemaTag
            {
                let fleet = try FleetDocument(parsing: bytes, file: file, library: library)
                return "\(fleet.name) (fleet of \(fleet.count) station\(fleet.count == 1 ? "" : "s"))"
            }
            let prepared = try PreparedScenario(
                bytes: bytes, file: file, library: library, limits: limitOptions.limits)
            return "\(prepared.document.name) (\(prepared.document.steps.count) steps)"
        }
    }
}
