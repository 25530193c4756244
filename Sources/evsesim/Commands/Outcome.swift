import ArgumentParser
import Live
import Transport

/// Exit codes beyond ArgumentParser's (0 success, 64 a bad option). README "Exit codes" and
/// `evsesim --help` list them; keep the three in step.
enum Outcome {
    /// A verdict failed.
    static let failed = ExitCode(1)
    /// A scenario, fleet or profile file is invalid; nothing ran.
    static let invalidInput = ExitCode(2)
    /// A file could not be read or written (missing input, unwritable trace or report).
    static let fileError = ExitCode(3)

    /// The exit codes as `--help` prints them.
    static let helpText = """
        Exit codes: 0 success (every verdict passed); 1 a verdict failed; 2 an input file (scenario, fleet, \
        profile) is invalid and nothing ran; 3 a file could not be read or written; 64 a bad option; \
        130/143 stopped by SIGINT/SIGTERM.
        """

    /// After a served session has printed its summary: exit 128 + the signal (130 for SIGINT, 143
    /// for SIGTERM) when a signal ended it, as `run` does; otherwise 0.
    static func exitAfterServing(_ report: LiveSessionReport) throws {
        if case .signal(let number) = report.run.ending { throw ExitCode(128 + number) }
    }

    /// Runs `body`, turning a file-system error into its message on standard error and exit 3.
    static func reportingFileErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as FileError {
            Terminal.writeError("evsesim: \(error)\n")
            throw fileError
        }
    }

    /// Runs `body` (setting up a live session), turning a trace file that cannot be created into
    /// exit 3 like `run`'s; other setup errors stay as they are.
    static func reportingTraceErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as LiveSetupError where error.subject == "--trace" {
            Terminal.writeError("evsesim: \(error)\n")
            throw fileError
        }
    }
}
