import ArgumentParser
import Glibc
import Live
import OCPPTransport

/// `evsesim serve` options of the OCPP face: which CSMS, who the charge points are, how they
/// authenticate.
struct OCPPOptions: ParsableArguments {
    /// The environment variable the AuthorizationKey is read from when no file is given.
    static let passwordVariable = "EVSESIM_OCPP_PASSWORD"

    @Option(
        help: ArgumentHelp(
            "CSMS URL without the charge point id, e.g. ws://127.0.0.1:9000/ocpp (omitted: no OCPP).", valueName: "url")
    )
    var ocpp: String?

    @Option(help: ArgumentHelp("OCPP charge point id (default evsesim; <id>_<k> in a fleet).", valueName: "id"))
    var ocppId: String = "evsesim"

    @Option(
        help: ArgumentHelp(
            "File whose first line is the AuthorizationKey for HTTP Basic auth (security profile 1/2); else $EVSESIM_OCPP_PASSWORD.",
            valueName: "file"))
    var ocppPasswordFile: String?

    @Option(help: ArgumentHelp("PEM file of CA certificates for a wss:// CSMS.", valueName: "file"))
    var ocppCaFile: String?

    @Option(help: ArgumentHelp("WebSocket ping interval in seconds (0: none; default 30).", valueName: "seconds"))
    var ocppPingInterval: Int = 30

    func validate() throws {
        if ocpp == nil, ocppPasswordFile != nil || ocppCaFile != nil {
            throw ValidationError("--ocpp-password-file and --ocpp-ca-file need --ocpp")
        }
        guard ocppPingInterval >= 0 else { throw ValidationError("--ocpp-ping-interval must be 0 or more") }
        if let problem = try settings()?.problem { throw ValidationError("--ocpp: \(problem)") }
    }

    /// The link settings, with the password from the file or the environment; nil without --ocpp.
    func settings() throws -> OCPPLinkSettings? {
        guard let ocpp else { return nil }
        var password: String?
        if let file = ocppPasswordFile {
            guard let handle = fopen(file, "r") else {
                throw ValidationError("--ocpp-password-file: cannot read \(file)")
            }
            defer { fclose(handle) }
            var line: UnsafeMutablePointer<CChar>?
            var capacity = 0
            if getline(&line, &capacity, handle) > 0, let line {
                password = String(cString: line).split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            }
            free(line)
        } else if let value = getenv(Self.passwordVariable) {
            password = String(cString: value)
        }
        return OCPPLinkSettings(
            url: ocpp, password: password, caFile: ocppCaFile, pingInterval: .seconds(ocppPingInterval))
    }

    /// Puts the OCPP settings into a session's configuration.
    func apply(to configuration: inout LiveFleetConfiguration) throws {
        configuration.ocpp = try settings()
        configuration.ocppID = ocppId
    }
}
