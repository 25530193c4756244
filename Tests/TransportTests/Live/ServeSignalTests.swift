import Foundation
import Glibc
import Testing

/// `evsesim serve` stopped by SIGINT or SIGTERM ends in order: every trace line a whole record,
/// the summary printed, exit 128 + signal (README, "Serving a live station").
@Suite(
    "serve interrupted by a signal", .serialized,
    .enabled(if: LiveSetup.executable != nil, "evsesim is not built next to the test bundle"))
struct ServeSignalTests {
    @Test("exit 128 + signal, a whole trace, the summary", arguments: [SIGINT, SIGTERM])
    func interrupted(signal: Int32) throws {
        let scenario = LiveSetup.temporaryPath("serve-signal.json")
        let trace = LiveSetup.temporaryPath("serve-signal.jsonl")
        defer { for path in [scenario, trace] { unlink(path) } }
        try LiveSetup.plugScenario(at: "1s").write(toFile: scenario, atomically: true, encoding: .utf8)
        let serve = try ServeProcess([
            "--pty", uniqueLinkPath("serve-signal"), "--speed", "x50", "--scenario", scenario, "--trace", trace,
            "--trace-telemetry",
        ])
        try #require(serve.waitUntilServing(), "serve did not start: \(serve.stdout) \(serve.stderr)")
        // Records are being written (charging has started) when the signal comes.
        let busy = waitUntil(timeout: .seconds(10)) {
            usleep(20_000)
            return ((try? String(contentsOfFile: trace, encoding: .utf8)) ?? "").contains("ChargingStarted")
        }
        try #require(busy, "the session never got going: \(serve.stderr)")
        serve.signal(signal)
        let status = serve.exitStatus(within: .seconds(10))

        #expect(status == 128 + signal, "stdout: \(serve.stdout) stderr: \(serve.stderr)")
        #expect(serve.stdout.contains("session ended (signal \(signal)"), "stdout: \(serve.stdout)")
        #expect(serve.stdout.contains("max lag"), "the summary is printed: \(serve.stdout)")
        let text = try String(contentsOfFile: trace, encoding: .utf8)
        #expect(text.hasSuffix("\n"), "the last record is complete")
        let lines = text.split(separator: "\n")
        #expect(lines.count > 10)
        #expect(lines.first?.contains("\"trace\":\"evsesim/trace@2\"") == true)
        let unparsed = lines.filter { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) == nil }
        #expect(unparsed.isEmpty, "lines that are no whole record: \(unparsed.prefix(3))")
    }
}
