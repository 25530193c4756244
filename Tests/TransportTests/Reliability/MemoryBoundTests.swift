import Foundation
import Glibc
import Testing

/// Memory stays proportional to the input (README, "Limits"): `evsesim validate` on 2 MB files
/// of one tiny value repeated, each in a process of its own, peak resident set from `wait4`'s
/// `ru_maxrss`, less the peak of validating a tiny file (the program itself). A size bound, not
/// a timing.
@Suite(
    "memory proportional to the file", .serialized,
    .enabled(if: LiveSetup.executable != nil, "evsesim is not built next to the test bundle"))
struct MemoryBoundTests {
    /// Element shapes, and the bound on memory growth per byte of file for each. One-element
    /// arrays are the dearest shape: every `[0]` (4 bytes with its comma) is a heap array of its own.
    static let shapes: [(element: String, bound: Double)] = [
        ("0", 20), ("-1", 20), ("\"a\"", 20), ("null", 20), ("[]", 20), ("{}", 20), ("{\"a\":0}", 20), ("[0]", 30),
    ]

    /// Peak resident set of `evsesim validate path`, in bytes, measured in its own process.
    ///
    /// A small Python parent forks and execs it and reads `ru_maxrss` from `wait4`: Linux carries
    /// the high-water mark of the memory a process had before `exec` into it, so spawning from
    /// this (large) test process would report the test's own size.
    static func peakResident(validating path: String) throws -> Int {
        let executable = try #require(LiveSetup.executable)
        let python = try #require(pythonExecutable(), "python3 is not installed")
        let script = """
            import os, sys
            pid = os.fork()
            if pid == 0:
                fd = os.open(os.devnull, os.O_WRONLY)
                os.dup2(fd, 1)
                os.dup2(fd, 2)
                os.execv(sys.argv[1], sys.argv[1:])
            _, status, usage = os.wait4(pid, 0)
            print(usage.ru_maxrss)
            """
        let probe = try TestProcess(
            python, ["-c", script, executable, "validate", "--profiles", LiveSetup.profiles, path])
        defer { probe.stop() }
        #expect(probe.waitForExit(timeout: .seconds(120)))
        let kib = try #require(Int(probe.text.trimmingCharacters(in: .whitespacesAndNewlines)), "\(probe.errorText)")
        return kib * 1024
    }

    @Test("memory growth per byte of file, for every shape of tiny value")
    func growthIsBounded() throws {
        let tiny = LiveSetup.temporaryPath("tiny.json")
        defer { unlink(tiny) }
        try #"{"schema":"evsesim/scenario@1","name":"n","steps":[]}"#.write(
            toFile: tiny, atomically: true, encoding: .utf8)
        let baseline = try Self.peakResident(validating: tiny)
        var figures: [String] = []
        for (element, bound) in Self.shapes {
            let path = LiveSetup.temporaryPath("shape.json")
            defer { unlink(path) }
            let count = 2_000_000 / (element.utf8.count + 1)
            let text =
                #"{"schema":"evsesim/scenario@1","name":"n","steps":[],"pad":["#
                + Array(repeating: element, count: count).joined(separator: ",") + "]}"
            try text.write(toFile: path, atomically: false, encoding: .utf8)
            let size = text.utf8.count
            let peak = try Self.peakResident(validating: path)
            let ratio = Double(peak - baseline) / Double(size)
            figures.append("\(element): \(String(format: "%.1f", ratio))×")
            #expect(ratio <= bound, "\(element) × \(count): \(peak - baseline) bytes for a \(size)-byte file")
        }
        print("memory growth per file byte (baseline \(baseline / 1024) KiB): " + figures.joined(separator: ", "))
    }
}
