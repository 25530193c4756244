import ArgumentParser
import Live
import Logging
import Scenario
import Transport

/// Options every subcommand shares.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Folder with stations/ and vehicles/ profiles.", valueName: "dir"))
    var profiles: String?

    @Flag(name: .shortAndLong, help: "Log debug detail to standard error.")
    var verbose = false

    /// Sets up logging once for the process (only the executable does this).
    func bootstrapLogging() {
        let level: Logger.Level = verbose ? .debug : .warning
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }

    /// The profile library, or a clear error saying where it was looked for.
    ///
    /// A broken profile is invalid input like a broken scenario: every issue goes to standard
    /// error and the process exits 2.
    func library() throws -> ProfileLibrary {
        guard let dir = ProfileLocator.locate(explicit: profiles) else {
            throw ValidationError(
                "no Profiles folder found: run from the evsesim checkout, pass --profiles DIR, or set EVSESIM_PROFILES")
        }
        do {
            return try ProfileLibrary(directory: dir)
        } catch {
            Terminal.writeError("invalid profiles in \(dir):\n\(error)\n")
            throw Outcome.invalidInput
        }
    }
}
