import Foundation
import Testing

/// The OCPP scenarios over real sockets, against one station and against a fleet of 100 at
/// once: `evsesim serve --ocpp … --control …`, the separate-process test CSMS built with the
/// `ocpp` package (`Clients/ocpp_csms.py`) and a driver (`Clients/ocpp_scenarios_check.py`, the
/// scenarios in `Clients/ocpp_scenarios.py`) that plays the physical side through the control
/// API and the CSMS side through the CSMS process, one coroutine per station: boot/heartbeat/clock, an authorised session with
/// MeterValues, remote start and stop, smart charging stepping the offered current down and
/// up, offline queueing across a CSMS killed and restarted mid-transaction, ChangeAvailability
/// during a transaction, a GFI fault, a firmware update from a loopback HTTP server. The
/// driver's JSON summary is checked per scenario: every station passed every check.
@Suite(.serialized) struct OCPPScenarioSocketTests {
    static let scenarios = [
        "boot-heartbeat-clock", "authorised-session", "remote-start-stop", "smart-charging", "offline-queueing",
        "change-availability", "gfi-fault", "firmware-update",
    ]

    @Test(
        .enabled(if: OCPPCSMSTests.python != nil && LiveSetup.executable != nil, "needs tools/test's venv and evsesim"),
        arguments: [1, 100])
    func scenariosOverSockets(stations: Int) throws {
        let workdir = LiveSetup.temporaryPath("ocpp-scenarios-\(stations)")
        defer { try? FileManager.default.removeItem(atPath: workdir) }
        let check = try TestProcess(
            try #require(OCPPCSMSTests.python),
            [
                LiveSetup.clients + "/ocpp_scenarios_check.py", "--evsesim", try #require(LiveSetup.executable),
                "--profiles", LiveSetup.profiles, "--workdir", workdir, "--stations", String(stations),
            ])
        defer { check.stop() }
        let finished = check.waitForExit(timeout: .seconds(480))
        try #require(finished, "the driver did not finish: \(check.text)\n\(check.errorText)")
        let summary = try #require(
            try JSONSerialization.jsonObject(with: Data(check.text.utf8)) as? [String: Any],
            "no JSON summary: \(check.text)\n\(check.errorText)")
        #expect(summary["stations"] as? Int == stations)
        let results = try #require(summary["scenarios"] as? [String: [String: Any]])
        #expect(results.keys.sorted() == Self.scenarios.sorted())
        for name in Self.scenarios {
            let result = try #require(results[name], "no result for \(name)")
            let checks = try #require(result["checks"] as? [String: [String: Any]])
            #expect(checks["completed"] != nil, "\(name) has no completion check")
            for (check, entry) in checks {
                let failures = entry["failures"] as? [[String: Any]] ?? []
                #expect(
                    failures.isEmpty, "\(name): \(check) failed on \(failures.count) stations: \(failures.prefix(3))")
            }
            #expect(result["passed"] as? Int == stations, "\(name): \(result["passed"] ?? "?") of \(stations) passed")
        }
        let fleet = try #require(summary["fleet"] as? [String: [String: Any]])
        #expect(fleet.count == 3)
        for (check, entry) in fleet {
            #expect(
                entry["passed"] as? Bool == true,
                "\(check): expected \(entry["expected"] ?? ""), found \(entry["found"] ?? "")")
        }
        #expect(check.exitStatus == 0, "\(check.errorText)")
    }
}
