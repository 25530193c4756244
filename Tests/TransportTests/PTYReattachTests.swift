import Foundation
import Glibc
import Testing

@testable import Transport

extension PTYDeviceTests {
    /// Client A writes two commands and leaves without reading; client B opens at once, sends
    /// `$GS^30` (2 ms later, as any client takes a moment to set up) and reads until its reply,
    /// asking again after 50 ms without one. Anything else B reads is stale.
    static let reattachScript = #"""
        import json, os, select, sys, time
        link, cycles = sys.argv[1], int(sys.argv[2])
        out = {"stale": [], "retries": 0, "unanswered": 0}
        reply = b"$OK $GS^30\r"
        for i in range(cycles):
            fd = os.open(link, os.O_RDWR | os.O_NOCTTY)
            os.write(fd, b"$GV^35\r$GE^26\r")
            os.close(fd)
            fd = os.open(link, os.O_RDWR | os.O_NOCTTY)
            time.sleep(0.002)
            data = b""
            for attempt in range(40):
                os.write(fd, b"$GS^30\r")
                end = time.monotonic() + 0.05
                while reply not in data and time.monotonic() < end:
                    if select.select([fd], [], [], max(end - time.monotonic(), 0))[0]:
                        data += os.read(fd, 4096)
                if reply in data:
                    break
                out["retries"] += 1
            else:
                out["unanswered"] += 1
            extra = data.replace(reply, b"")
            if extra:
                out["stale"].append(extra.decode("latin-1"))
            os.close(fd)
        print(json.dumps(out))
        """#

    @Test("1,000 close-and-reopen-at-once cycles: no client ever reads a reply meant for the one before")
    func reattachAtOnce() throws {
        let device = try makeDevice("reattach")
        defer { device.close() }
        let harness = PTYHarness(device: device)
        harness.responder = { line in "$OK \(line)\r" }
        guard let python = pythonExecutable() else { throw TestSetupError("python3 is not installed") }
        let client = try TestProcess(python, ["-c", Self.reattachScript, device.linkPath, "1000"])
        defer { client.stop() }
        #expect(harness.pump(timeout: .seconds(120)) { !client.isRunning })
        let line = try #require(client.text.split(separator: "\n").last, "stderr: \(client.errorText)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let stale = result["stale"] as? [String] ?? ["unreadable report"]
        print("reattach: \(stale.count) of 1000 cycles stale, \(result["retries"] ?? "?") requests repeated")
        #expect(stale.count == 0, "stale bytes: \(stale.prefix(5)) (\(stale.joined().utf8.count) bytes)")
        #expect(result["unanswered"] as? Int == 0)
        #expect(harness.attachCount == 2000)
        #expect(harness.detachCount == 2000)
    }
}
