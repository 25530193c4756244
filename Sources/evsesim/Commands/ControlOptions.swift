import ArgumentParser
import Control
import Live
import Logging
import Transport

/// `serve`'s control API options: `--control`, `--control-any`, `--control-token`.
struct ControlOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Serve the control API and dashboard on HOST:PORT (loopback only unless --control-any).",
            valueName: "host:port"))
    var control: String?

    @Flag(help: "Allow --control on a non-loopback address (needs --control-token).")
    var controlAny = false

    @Option(
        help: ArgumentHelp(
            "Token every control request must carry (Authorization: Bearer TOKEN, or ?token=TOKEN).",
            valueName: "token"))
    var controlToken: String?

    func validate() throws {
        _ = try address()
    }

    /// The address to serve on, or nil without --control.
    func address() throws -> ControlAddress? {
        guard let control else {
            if controlAny || controlToken != nil {
                throw ValidationError("--control-any and --control-token need --control")
            }
            return nil
        }
        do {
            return try ControlAddress(parsing: control, anyAddress: controlAny, token: controlToken)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// Starts the control API for `fleet` when --control was given.
    func start(fleet: LiveFleet, logger: Logger) throws -> ControlService? {
        guard let address = try address() else { return nil }
        // A port in use is a setup error like a pty that cannot be made.
        return try ControlService(address: address, fleet: fleet, logger: logger)
    }

    /// The banner's line for the control API ("" without one).
    static func bannerLine(_ control: ControlService?) -> String {
        guard let control else { return "" }
        return "control API and dashboard: \(control.url) (API description: \(control.url)openapi.json)\n"
    }
}
