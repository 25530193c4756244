import Foundation
import Testing

/// Typed options: each parsed once by ArgumentParser, bad values refused as usage errors (64)
/// with the valid values in `--help`; and the input limits.
@Suite struct OptionTests {
    typealias CLI = CommandLineTests

    @Test(arguments: [
        (["run", "--speed", "fastest", "Scenarios/full-session-to-target-soc.json"], "--speed <speed>"),
        (["serve", "--speed", "max"], "--speed max is for `evsesim run`"),
        (["serve", "--flavor", "everest-2025"], "--flavor <flavor>"),
        (["serve", "--duration", "0s"], "--duration <duration>"),
        (["serve", "--duration", "soon"], "--duration <duration>"),
        (["serve", "--fleet", "Profiles/fleets/three-bays.json", "--shard", "4/4"], "--shard <K/M>"),
        (["serve", "--shard", "0/2"], "--shard needs --fleet"),
        (["run", "--max-steps", "0", "Scenarios/full-session-to-target-soc.json"], "--max-steps must be at least 1"),
        (
            ["validate", "--max-values", "0", "Scenarios/full-session-to-target-soc.json"],
            "--max-values must be at least 1"
        ),
    ])
    func badValuesAreUsageErrors(arguments: [String], message: String) throws {
        let r = try CLI.run(arguments)
        #expect(r.status == 64, "\(r.out)\(r.err)")
        #expect(r.err.contains(message), "\(r.err)")
    }

    @Test func helpListsTheValidValues() throws {
        let serve = try CLI.run(["help", "serve"]).out.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(serve.contains("values: everest, documented"), "\(serve)")
        #expect(serve.contains("alias everest-2026"), "\(serve)")
        #expect(serve.contains("realtime, or xN"))
        #expect(serve.contains("0 ≤ K < M"))
        let run = try CLI.run(["help", "run"]).out
        #expect(run.contains("Exit codes: 0 success"))
    }

    @Test(
        "--flavor takes everest, documented and the old name everest-2026",
        arguments: ["everest", "documented", "everest-2026"])
    func flavorNames(name: String) throws {
        let r = try CLI.run(["serve", "--no-pty", "--flavor", name, "--duration", "1s", "--speed", "x10"])
        #expect(r.status == 0, "\(r.out)\(r.err)")
    }

    @Test func anUnknownFlavorIsAUsageError() throws {
        let r = try CLI.run(["serve", "--no-pty", "--flavor", "everest2026", "--duration", "1s", "--speed", "x10"])
        #expect(r.status == 64, "\(r.out)\(r.err)")
    }

    @Test func moreThan256StationsWithoutPTYs() throws {
        let r = try CLI.run(["serve", "--stations", "300", "--no-pty", "--duration", "1s", "--speed", "x10"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.hasPrefix("evsesim serve: 300 stations openevse-8.2.3-us"))
        let ptys = try CLI.run([
            "serve", "--stations", "300", "--pty-pattern", "/tmp/evsesim-never-%d", "--duration", "1s",
        ])
        #expect(ptys.status != 0)
        #expect(ptys.err.contains("expected 1…256 stations with ptys (more with --no-pty), got 300"), "\(ptys.err)")
    }

    @Test func limitsRefuseOversizedInputWithTheOptionToRaiseThem() throws {
        let scratch = try Scratch()
        let steps = "[" + Array(repeating: #"{ "do": "plug" }"#, count: 101).joined(separator: ",") + "]"
        let many = try scratch.write("many.json", Scratch.scenario(steps: steps))
        let r = try CLI.run(["validate", "--max-steps", "100", many])
        #expect(r.status == 2)
        #expect(
            r.out.contains("$.steps: expected at most 100 steps (raise the limit with --max-steps), found 101 steps"))
        #expect(try CLI.run(["validate", "--max-steps", "101", many]).status == 0)

        let long = try scratch.write("long.json", Scratch.scenario(until: "36500d"))
        let l = try CLI.run(["run", long])
        #expect(l.status == 2)
        #expect(l.err.contains("$.until: expected an end within 744h of the start (raise the limit with --max-span)"))
        #expect(try CLI.run(["validate", "--max-span", "36501d", long]).status == 0)

        let size = try CLI.run(["run", "--max-file-size", "100", many])
        #expect(size.status == 2)
        #expect(size.err.contains("expected a file of at most 100 bytes (raise the limit with --max-file-size)"))

        let values = try CLI.run(["validate", "--max-values", "5", many])
        #expect(values.status == 2)
        #expect(
            values.out.contains("expected at most 5 JSON values in one document (raise the limit with --max-values)"))
        #expect(try CLI.run(["validate", "--max-values", "500", many]).status == 0)
    }
}
