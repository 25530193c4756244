import Foundation
import Testing

/// Every `evsesim …` example in `--help` and in the README's `sh` blocks, run as written (the
/// swift-argument-parser habit: examples double as end-to-end tests).
///
/// Each runs through `/bin/sh` with the built executable first on `PATH`, in a scratch folder
/// that links `Scenarios/` and `Profiles/`, so files the examples write land there. A `serve`
/// example runs for one simulated second (`--duration 1s` is added), a trailing `&` is dropped,
/// and the broker address `127.0.0.1:1883` becomes tools/test's private broker; examples that
/// need a broker run only when tools/test provides one (`MQTT_TEST_PORT`).
@Suite(.serialized) struct ExampleTests {
    typealias CLI = CommandLineTests
    static let brokerPort = ProcessInfo.processInfo.environment["MQTT_TEST_PORT"]

    /// The examples under "Examples:" in the help of the tool and of each command; a wrapped
    /// example continues on lines that do not start a new one.
    static func helpExamples() throws -> [String] {
        var examples: [String] = []
        for command in [[], ["run"], ["validate"], ["serve"], ["list"], ["bench"], ["report"]] {
            let help = try CLI.run(command.isEmpty ? ["--help"] : ["help"] + command).out
            var inExamples = false
            for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix("Examples:") {
                    inExamples = true
                } else if inExamples, line.trimmingCharacters(in: .whitespaces).isEmpty {
                    inExamples = false
                } else if inExamples, line.hasPrefix("  evsesim ") {
                    examples.append(String(line))
                } else if inExamples, !examples.isEmpty {
                    examples[examples.count - 1] += " " + line
                }
            }
        }
        return examples.map(normalised)
    }

    /// The `evsesim` lines of the README's `sh` blocks.
    static func readmeExamples() throws -> [String] {
        let readme = try String(contentsOf: CLI.root.appendingPathComponent("README.md"), encoding: .utf8)
        var examples: [String] = []
        var inShell = false
        for line in readme.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                inShell = line == "```sh" && !inShell
            } else if inShell, line.hasPrefix("evsesim ") {
                examples.append(normalised(String(line)))
            }
        }
        return examples
    }

    /// One line, single spaces, no comment and no trailing `&`.
    static func normalised(_ line: String) -> String {
        var text = line
        if let comment = text.range(of: #"\s#\s.*$"#, options: .regularExpression) { text.removeSubrange(comment) }
        var words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        if words.last == "&" { words.removeLast() }
        return words.joined(separator: " ")
    }

    static func allExamples() throws -> [String] { try helpExamples() + readmeExamples() }

    @Test func thereAreExamplesInHelpAndReadme() throws {
        #expect(try Self.helpExamples().count >= 8)
        #expect(try Self.readmeExamples().count >= 8)
        #expect(try Self.helpExamples().contains("evsesim run Scenarios/"))
    }

    @Test func examplesWithoutABroker() throws {
        for example in try Self.allExamples() where !example.contains("mqtt://") {
            try runExample(example)
        }
    }

    @Test(.enabled(if: brokerPort != nil, "MQTT_TEST_PORT is not set: run tools/test"))
    func examplesWithABroker() throws {
        let port = try #require(Self.brokerPort)
        for example in try Self.allExamples() where example.contains("mqtt://") {
            try runExample(example.replacingOccurrences(of: "127.0.0.1:1883", with: "127.0.0.1:\(port)"))
        }
    }

    func runExample(_ example: String) throws {
        let scratch = try Scratch("example")
        for folder in ["Scenarios", "Profiles"] {
            try FileManager.default.createSymbolicLink(
                atPath: scratch.path(folder), withDestinationPath: CLI.root.appendingPathComponent(folder).path)
        }
        var command = example
        if command.hasPrefix("evsesim serve"), !command.contains("--duration") { command += " --duration 1s" }
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] =
            CLI.executable.deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        let r = try CLI.run(
            ["-c", command], program: URL(fileURLWithPath: "/bin/sh"), in: scratch.url, environment: environment)
        #expect(r.status == 0, "`\(command)` exited \(r.status):\n\(r.out)\(r.err)")
        #expect(!r.out.isEmpty, "`\(command)` printed nothing")
    }
}
