import Foundation
import Glibc
import Testing

/// One live station served by `evsesim serve --ocpp` against a separate-process CSMS built with
/// the `ocpp` package and `websockets` (`Clients/ocpp_csms.py`), over real WebSockets with
/// HTTP Basic auth: boot, remote start, a CSMS killed and restarted mid-transaction (queued
/// MeterValues delivered in order, none lost, transaction ids consistent), remote stop, an
/// authorised session; every frame validated against the OCPP 1.6 JSON schemas the package
/// ships (`Clients/ocpp_live_check.py` drives it and checks).
@Suite(.serialized) struct OCPPCSMSTests {
    static var python: String? {
        guard access(LiveSetup.venvPython, X_OK) == 0 else { return nil }
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: LiveSetup.venvPython)
        probe.arguments = ["-c", "import ocpp.v16, websockets, jsonschema"]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return nil }
        probe.waitUntilExit()
        return probe.terminationStatus == 0 ? LiveSetup.venvPython : nil
    }

    @Test(.enabled(if: python != nil && LiveSetup.executable != nil, "needs tools/test's venv and the built evsesim"))
    func stationAgainstPythonCSMS() throws {
        try Self.runCheck("ocpp_live_check.py", workdir: "ocpp-csms")
    }

    /// Runs one of the `Clients/ocpp_*_check.py` scripts against the built evsesim (each starts
    /// its own CSMS and serve) and expects it to finish with every check passed.
    static func runCheck(_ script: String, workdir name: String) throws {
        let workdir = LiveSetup.temporaryPath(name)
        defer { try? FileManager.default.removeItem(atPath: workdir) }
        let check = try TestProcess(
            try #require(python),
            [
                LiveSetup.clients + "/" + script, "--evsesim", try #require(LiveSetup.executable),
                "--profiles", LiveSetup.profiles, "--workdir", workdir,
            ])
        defer { check.stop() }
        let finished = check.waitForExit(timeout: .seconds(180))
        #expect(finished, "the check did not finish: \(check.text)")
        #expect(check.exitStatus == 0, "check output:\n\(check.text)\n\(check.errorText)")
        #expect(check.text.contains("all checks passed"))
    }
}

/// Every frame of every OCPP scenario's fast run (the station's and the scripted CSMS's) is valid
/// against the OCPP 1.6 JSON schemas the `ocpp` package ships, except the malformed frames
/// `ocpp-invalid-messages` sends on purpose (`Clients/ocpp_trace_check.py`).
@Suite struct OCPPScenarioSchemaTests {
    @Test(
        .enabled(if: OCPPCSMSTests.python != nil && LiveSetup.executable != nil, "needs tools/test's venv and evsesim"))
    func everyScenarioFrameMatchesTheSchemas() throws {
        let workdir = LiveSetup.temporaryPath("ocpp-traces")
        defer { try? FileManager.default.removeItem(atPath: workdir) }
        let root = LiveSetup.clients + "/../../.."
        let scenarios = try FileManager.default.contentsOfDirectory(atPath: root + "/Scenarios")
            .filter { $0.hasPrefix("ocpp-") && $0.hasSuffix(".json") }.sorted()
        try #require(scenarios.count >= 8)
        let run = try TestProcess(
            try #require(LiveSetup.executable),
            ["run", "-q", "--profiles", LiveSetup.profiles, "--trace", workdir + "/"]
                + scenarios.map { root + "/Scenarios/" + $0 })
        #expect(run.waitForExit(timeout: .seconds(120)))
        #expect(run.exitStatus == 0, "\(run.text)\(run.errorText)")
        let traces = try FileManager.default.contentsOfDirectory(atPath: workdir).map { workdir + "/" + $0 }
        #expect(traces.count == scenarios.count)
        let check = try TestProcess(
            try #require(OCPPCSMSTests.python),
            [
                LiveSetup.clients + "/ocpp_trace_check.py", "--allow-invalid-received",
                "ocpp-invalid-messages.trace.jsonl",
            ]
                + traces)
        #expect(check.waitForExit(timeout: .seconds(120)))
        #expect(check.exitStatus == 0, "\(check.text)\(check.errorText)")
        #expect(check.text.contains("\(scenarios.count) passed, 0 failed"))
    }
}

/// Security profile 2 for real: the test CSMS serves wss:// with a certificate from a private CA
/// made with openssl; a station trusting that CA (`--ocpp-ca-file`, plus Basic auth) boots and
/// runs a remote-started transaction over TLS, and a station trusting another CA is refused in
/// the handshake with a logged reason naming the certificate, and keeps running; a server that
/// accepts the WebSocket without selecting the `ocpp1.6` subprotocol gets no frame and a logged
/// reason (`Clients/ocpp_tls_check.py`).
@Suite(.serialized) struct OCPPTLSCSMSTests {
    static var openssl: Bool { access("/usr/bin/openssl", X_OK) == 0 }

    @Test(
        .enabled(
            if: OCPPCSMSTests.python != nil && LiveSetup.executable != nil && openssl,
            "needs tools/test's venv, openssl and evsesim"))
    func stationOverTLSAgainstPythonCSMS() throws {
        let workdir = LiveSetup.temporaryPath("ocpp-tls")
        defer { try? FileManager.default.removeItem(atPath: workdir) }
        let check = try TestProcess(
            try #require(OCPPCSMSTests.python),
            [
                LiveSetup.clients + "/ocpp_tls_check.py", "--evsesim", try #require(LiveSetup.executable),
                "--profiles", LiveSetup.profiles, "--workdir", workdir,
            ])
        defer { check.stop() }
        let finished = check.waitForExit(timeout: .seconds(180))
        #expect(finished, "the check did not finish: \(check.text)")
        #expect(check.exitStatus == 0, "check output:\n\(check.text)\n\(check.errorText)")
        #expect(check.text.contains(", 0 failed"))
    }
}
