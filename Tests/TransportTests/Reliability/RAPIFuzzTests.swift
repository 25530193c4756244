import Foundation
import Glibc
import Testing

/// Reliability (README "Reliability"): a fixed-seed fuzz of RAPI lines from a separate client
/// process over the real pty of `evsesim serve`. No crash, every reply a well-formed frame with
/// a correct checksum, the station still answering afterwards, and a clean stop on SIGTERM
/// (serve ends 0 on a signal, README "Exit codes").
/// `tools/soak` runs the same client with more lines (`EVSESIM_FUZZ_LINES`).
@Suite("RAPI fuzz over the pty", .serialized)
struct RAPIFuzzTests {
    static var lines: Int { ProcessInfo.processInfo.environment["EVSESIM_FUZZ_LINES"].flatMap(Int.init) ?? 100_000 }

    @Test("100,000 seeded fuzz lines: no malformed reply, still answering, clean stop on SIGTERM")
    func fuzz() throws {
        let link = uniqueLinkPath("fuzz")
        let serve = try ServeProcess(["--pty", link])
        #expect(serve.waitUntilServing(), "stderr: \(serve.stderr)")
        let client = try LiveSetup.client("rapi_fuzz.py", [link, String(Self.lines), "14"])
        defer { client.stop() }
        #expect(client.waitForExit(timeout: .seconds(600)))
        let line = try #require(client.text.split(separator: "\n").last, "stderr: \(client.errorText)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        print("rapi fuzz: \(line)")
        #expect(result["lines"] as? Int == Self.lines)
        #expect(result["malformed"] as? [String] == [], "\(line)")
        #expect(result["unanswered"] as? Int == 0, "the station stopped answering: \(line)")
        #expect((result["replies"] as? Int ?? 0) > Self.lines / 2)
        #expect(serve.isRunning)
        serve.signal(SIGTERM)
        #expect(serve.exitStatus(within: .seconds(10)) == 0, "stderr: \(serve.stderr)")
        #expect(serve.stdout.contains("session ended (signal 15"), "stdout: \(serve.stdout)")
        #expect(!serve.stderr.contains("Fatal error"))
    }
}
