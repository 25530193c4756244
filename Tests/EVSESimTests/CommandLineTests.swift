import Foundation
import Testing

/// End-to-end tests of the built `evsesim` executable: the README's examples, run for real.
@Suite(.serialized) struct CommandLineTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The executable SwiftPM built next to the test bundle.
    static var executable: URL {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return exe.deletingLastPathComponent().appendingPathComponent("evsesim")
    }

    struct Outcome {
        var status: Int32
        var out: String
        var err: String
    }

    /// Runs the executable (or `program`) with `args` in `directory` and collects its output.
    static func run(
        _ args: [String], program: URL = executable, in directory: URL = root, environment: [String: String]? = nil
    ) throws -> Outcome {
        let p = Process()
        p.executableURL = program
        p.arguments = args
        p.currentDirectoryURL = directory
        if let environment { p.environment = environment }
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Outcome(
            status: p.terminationStatus, out: String(decoding: o, as: UTF8.self),
            err: String(decoding: e, as: UTF8.self))
    }

    @Test func runPassesTheExampleScenario() throws {
        let r = try Self.run(["run", "Scenarios/full-session-to-target-soc.json"])
        #expect(r.status == 0, "\(r.out)\(r.err)")
        #expect(r.out.contains("PASS: 17/17 verdicts"))
        #expect(r.out.hasSuffix("1 scenario: 1 passed, 0 failed (17 of 17 verdicts passed)\n"))
    }

    @Test func failingVerdictExitsOne() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("evsesim-fail-\(getpid()).json")
        try #"""
        { "schema": "evsesim/scenario@1", "name": "fails", "station": { "profile": "openevse-8.2.3-us" },
          "steps": [ { "expect": { "evse.state": "C" } } ], "until": "1s" }
        """#.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let r = try Self.run(["run", file.path])
        #expect(r.status == 1)
        #expect(r.out.contains("✘ expect evse.state C — expected evse.state C, found A"))
    }

    @Test func invalidScenarioExitsTwoAndNamesTheProblem() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("evsesim-bad-\(getpid()).json")
        try #"""
        { "schema": "evsesim/scenario@1", "name": "bad", "station": { "profile": "openevse-8.2.3-us" },
          "steps": [ { "do": "plgu" } ], "until": "1s" }
        """#.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        for command in ["run", "validate"] {
            let r = try Self.run([command, file.path])
            #expect(r.status == 2)
            #expect((r.out + r.err).contains(":2:22: $.steps[0].do: expected an action"), "\(r.out)\(r.err)")
            #expect((r.out + r.err).contains("did you mean \"plug\"?"))
        }
    }

    @Test func badSpeedIsAUsageError() throws {
        let r = try Self.run(["run", "--speed", "fastest", "Scenarios/full-session-to-target-soc.json"])
        #expect(r.status == 64)
        #expect(r.err.contains("The value 'fastest' is invalid for '--speed <speed>'"))
        #expect(r.err.contains("max (as fast as possible), realtime, or xN"))
    }

    @Test func traceIsByteIdenticalAcrossRuns() throws {
        let dir = FileManager.default.temporaryDirectory
        let a = dir.appendingPathComponent("evsesim-a-\(getpid()).jsonl")
        let b = dir.appendingPathComponent("evsesim-b-\(getpid()).jsonl")
        defer {
            try? FileManager.default.removeItem(at: a)
            try? FileManager.default.removeItem(at: b)
        }
        for url in [a, b] {
            let r = try Self.run([
                "run", "-q", "--trace", url.path, "--trace-telemetry", "Scenarios/full-session-to-target-soc.json",
            ])
            #expect(r.status == 0)
        }
        let bytesA = try Data(contentsOf: a)
        #expect(bytesA.count > 100_000)
        #expect(bytesA == (try Data(contentsOf: b)))
    }

    @Test func listShowsProfilesAndScenarios() throws {
        let r = try Self.run(["list"])
        #expect(r.status == 0)
        for name in [
            "openevse-8.2.3-us", "openevse-8.2.3-eu", "openevse-8.2.3-uk", "everest-yeti-3ph", "compact-40kwh-1ph",
        ] {
            #expect(r.out.contains(name))
        }
        #expect(r.out.contains("full-session-to-target-soc.json"))
    }

    /// The README's tables are generated from the code; this keeps them in step.
    @Test(arguments: ["--condition-keys", "--rapi-commands"])
    func readmeTablesMatchTheCode(flag: String) throws {
        let r = try Self.run(["list", flag])
        #expect(r.status == 0)
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(
            readme.contains(r.out.trimmingCharacters(in: .whitespacesAndNewlines)),
            "run `evsesim list \(flag)` and paste it into README.md")
    }
}
