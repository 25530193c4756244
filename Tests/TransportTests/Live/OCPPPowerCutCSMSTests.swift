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
        try OCPPCSMSTests.runCheck("ocpp_power_cut_check.py", workdir: "ocpp-power-cut")
    }
}
