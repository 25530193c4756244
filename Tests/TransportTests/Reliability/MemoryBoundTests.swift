import Foundation
import Glibc
import JSON
import Testing

/// Memory stays proportional to the input (README, "Limits"): `evsesim validate` on 2 MB files
/// of one tiny value repeated, each in a process of its own, peak resident set from `wait4`'s
/// `ru_maxrss`, less the peak of validating a tiny file (the program itself). A size bound, not
/// a timing.
@Suite(
    "memory proportional to the file", .serialized,
    .enabled(if: LiveSetup.executable != nil, "evsesim is not built next to the test bundle"))
struct MemoryBoundTests {
    /// The bound on memory growth per byte of file, for every shape.
    static let bound = 20.0

    /// One shape of file: a tiny value repeated in a 2 MB array.
    struct Shape: CustomTestStringConvertible, Sendable {
        let name: String
        let element: String
        var testDescription: String { name }
    }

    /// The dearest shapes: the shortest values of each kind, containers as small as they come,
    /// arrays nested to the 64-level limit (the array they are in is at level 2), strings long,
    /// short and with an escape, and numbers long and short.
    static let shapes: [Shape] = [
        Shape(name: "0", element: "0"), Shape(name: "-1", element: "-1"),
        Shape(name: "18-digit numbers", element: "123456789012345678"),
        Shape(name: "\"a\"", element: "\"a\""), Shape(name: "\"\\n\"", element: "\"\\n\""),
        Shape(name: "1,000-byte strings", element: "\"" + String(repeating: "x", count: 1000) + "\""),
        Shape(name: "null", element: "null"), Shape(name: "[]", element: "[]"), Shape(name: "{}", element: "{}"),
        Shape(name: "[0]", element: "[0]"), Shape(name: "[[]]", element: "[[]]"),
        Shape(name: "[\"\"]", element: "[\"\"]"),
        Shape(name: "{\"a\":0}", element: "{\"a\":0}"), Shape(name: "{\"\":0}", element: "{\"\":0}"),
        Shape(
            name: "[[…[0]…]] 64 deep",
            element: String(repeating: "[", count: 62) + "0" + String(repeating: "]", count: 62)),
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

    @Test("memory growth per byte of file is at most 20×", arguments: shapes)
    func growthIsBounded(shape: Shape) throws {
        let tiny = LiveSetup.temporaryPath("tiny.json")
        defer { unlink(tiny) }
        try #"{"schema":"evsesim/scenario@1","name":"n","steps":[]}"#.write(
            toFile: tiny, atomically: true, encoding: .utf8)
        let baseline = try Self.peakResident(validating: tiny)
        let path = LiveSetup.temporaryPath("shape.json")
        defer { unlink(path) }
        let count = 2_000_000 / (shape.element.utf8.count + 1)
        let text =
            #"{"schema":"evsesim/scenario@1","name":"n","steps":[],"pad":["#
            + Array(repeating: shape.element, count: count).joined(separator: ",") + "]}"
        // Within the parser's limits (depth, values), so that the whole file is read.
        _ = try JSONParser().parse(text, file: "shape.json")
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        let size = text.utf8.count
        let peak = try Self.peakResident(validating: path)
        let ratio = Double(peak - baseline) / Double(size)
        print(
            "memory growth per file byte, \(shape.name): \(String(format: "%.1f", ratio))× (baseline \(baseline / 1024) KiB)"
        )
        #expect(ratio <= Self.bound, "\(shape.name) × \(count): \(peak - baseline) bytes for a \(size)-byte file")
    }
}
