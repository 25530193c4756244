import Foundation
import Testing

/// A live station served with `--ocpp` loses power mid-transaction (background scenario) while
/// connected to the separate-process CSMS: its WebSocket closes with the power, a new one opens
/// when it returns, BootNotification comes first on it, then the queued transaction messages
/// (transaction 1 stops with reason PowerLoss after all its MeterValues) and a new transaction;
/// every frame valid against the OCPP 1.6 schemas (`Clients/ocpp_power_cut_check.py`).
@Suite(.serialized) struct OCPPPowerCutCSMSTests {
    @Test(
        .enabled(if: OCPPCSMSTests.python != nil && LiveSetup.executable != nil, "needs tools/test's venv and evsesim"))
    func powerCutClosesAndReopensTheWebSocket() throws {
        let workdir = LiveSetup.temporaryPath("ocpp-power-cut")
        defer { try? FileManager.default.removeItem(atPath: workdir) }
        let check = try TestProcess(
            try #require(OCPPCSMSTests.python),
            [
                LiveSetup.clients + "/ocpp_power_cut_check.py", "--evsesim", try #require(LiveSetup.executable),
                "--profiles", LiveSetup.profiles, "--workdir", workdir,
            ])
        defer { check.stop() }
        let finished = check.waitForExit(timeout: .seconds(180))
        #expect(finished, "the check did not finish: \(check.text)")
        #expect(check.exitStatus == 0, "check output:\n\(check.text)\n\(check.errorText)")
        #expect(check.text.contains("all checks passed"))
    }
}
