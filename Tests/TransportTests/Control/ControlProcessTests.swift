import Foundation
import Glibc
import Testing

/// `evsesim serve --control` as a separate process, checked by third-party clients: schemathesis
/// against the OpenAPI document, and the dashboard in headless Chromium driven by Selenium.
@Suite(.serialized) struct ControlProcessTests {
    static let schemathesis = "/tmp/evsesim-venv/bin/st"
    static let hasSchemathesis = access(schemathesis, X_OK) == 0
    static let hasBrowser: Bool = {
        guard access("/usr/bin/chromium", X_OK) == 0, access("/usr/bin/chromedriver", X_OK) == 0,
            access(LiveSetup.venvPython, X_OK) == 0
        else { return false }
        let probe = try? TestProcess(LiveSetup.venvPython, ["-c", "import selenium"])
        return probe.map { $0.waitForExit(timeout: .seconds(20)) && $0.exitStatus == 0 } ?? false
    }()

    /// Where test artefacts go: `.build/artifacts/` of the checkout.
    static var artifacts: String {
        let directory = LiveSetup.packageRoot + "/.build/artifacts"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test(
        "schemathesis finds the API as its OpenAPI document describes it",
        .enabled(if: hasSchemathesis, "needs schemathesis in tools/test's venv"))
    func schemathesisRun() throws {
        let (serve, port) = try ControlTestSession.start(["--speed", "x10"])
        // Left out: positive_data_acceptance (a few rules span fields and live in the scenario
        // reader, not the schema: serialFault's "delay" only with "fault": "delay", setLimit's
        // amps or watts, durations above zero) and unsupported_method (undeclared methods get
        // 404, not 405). The event stream never ends, so it is not fetched.
        // Schemathesis keeps a cache in its working folder: a scratch one, not the checkout.
        let scratch = LiveSetup.temporaryPath("schemathesis")
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let arguments = [
            "run", "http://127.0.0.1:\(port)/openapi.json", "--checks", "all", "--exclude-checks",
            "positive_data_acceptance,unsupported_method", "--exclude-path", "/api/stations/{index}/events",
            "--max-examples", "25", "--seed", "13", "--no-color",
        ]
        let run = try TestProcess(
            "/bin/sh", ["-c", #"cd "$1" && shift && exec "$@""#, "sh", scratch, Self.schemathesis] + arguments)
        let ended = run.waitForExit(timeout: .seconds(300))
        #expect(ended && run.exitStatus == 0, "schemathesis: \(run.text.suffix(4000)) \(run.errorText.suffix(2000))")
        #expect(run.text.contains("No issues found"), "\(run.text.suffix(2000))")
        serve.signal(SIGTERM)
        #expect(serve.exitStatus(within: .seconds(10)) == 143, "SIGTERM ends serve with 143; stderr: \(serve.stderr)")
        #expect(!serve.stderr.contains(" error "), "stderr: \(serve.stderr)")
    }

    @Test(
        "in headless Chromium a click on plug shows state C and a rising energy figure",
        .enabled(if: hasBrowser, "needs chromium, chromium-driver and selenium (tools/setup, tools/test's venv)"))
    func dashboardInBrowser() throws {
        let (serve, port) = try ControlTestSession.start(["--speed", "x30"])
        let screenshot = Self.artifacts + "/dashboard.png"
        let client = try TestProcess(
            LiveSetup.venvPython,
            [LiveSetup.clients + "/dashboard_browser.py", "http://127.0.0.1:\(port)/", screenshot])
        let ended = client.waitForExit(timeout: .seconds(120))
        #expect(ended && client.exitStatus == 0, "browser: \(client.text) \(client.errorText.suffix(3000))")
        let result = try client.jsonResult()
        #expect(result["state"] as? String == "C")
        let energy = try #require(result["energy"] as? [Double])
        #expect(energy.count == 2 && energy[1] > energy[0], "\(energy)")
        #expect(access(screenshot, R_OK) == 0, "screenshot at \(screenshot)")
        print("dashboard screenshot: \(screenshot)")
        serve.signal(SIGTERM)
        #expect(serve.exitStatus(within: .seconds(10)) == 143, "SIGTERM ends serve with 143; stderr: \(serve.stderr)")
    }

    @Test(
        "a non-loopback address needs --control-any, and that needs --control-token",
        arguments: [
            (["--control", "0.0.0.0:0"], "--control-any"),
            (["--control", "0.0.0.0:0", "--control-any"], "--control-token"),
            (["--control", "8080"], "HOST:PORT"),
            (["--control-token", "x"], "need --control"),
        ])
    func refused(arguments: [String], mention: String) throws {
        let serve = try ServeProcess(["--no-pty"] + arguments)
        #expect(serve.exitStatus(within: .seconds(10)) == 64)
        #expect(serve.stderr.contains(mention), "stderr: \(serve.stderr)")
    }

    @Test("with --control-any and a token, any address is served and the token is required")
    func anyAddress() throws {
        let serve = try ServeProcess(["--no-pty", "--control", "0.0.0.0:0", "--control-any", "--control-token", "t0k"])
        guard serve.waitUntilServing() else { throw TestSetupError("serve did not start: \(serve.stderr)") }
        let marker = "control API and dashboard: http://0.0.0.0:"
        let range = try #require(serve.stdout.range(of: marker), "\(serve.stdout)")
        let port = try #require(Int(serve.stdout[range.upperBound...].prefix { $0.isNumber }))
        let refused = try HTTPTestClient.request(port: port, "GET", "/api/stations")
        let accepted = try HTTPTestClient.request(
            port: port, "GET", "/api/stations", headers: ["Authorization": "Bearer t0k"])
        #expect(refused.status == 401)
        #expect(accepted.status == 200)
        serve.signal(SIGTERM)
        #expect(serve.exitStatus(within: .seconds(10)) == 143, "SIGTERM ends serve with 143; stderr: \(serve.stderr)")
    }
}
