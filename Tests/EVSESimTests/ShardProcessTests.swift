import Foundation
import Testing

/// `--shard auto/M` as an orchestrator runs it: K from the environment, and M processes on one
/// machine forming the same fleet as one process.
@Suite(.serialized) struct ShardProcessTests {
    typealias CLI = CommandLineTests

    static let fleet = "Profiles/fleets/three-bays.json"

    /// The environment of this test plus `extra`, without any inherited shard index.
    static func environment(_ extra: [String: String]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["JOB_COMPLETION_INDEX"] = nil
        return environment.merging(extra) { $1 }
    }

    /// Serves the three-bays fleet (no pty, no broker) for 5 simulated minutes at x600 and
    /// returns the exit, the banner and the trace lines by station.
    static func serve(_ extra: [String], environment: [String: String] = [:]) throws
        -> (outcome: CLI.Outcome, records: [Int: [String]])
    {
        let trace = FileManager.default.temporaryDirectory.appendingPathComponent(
            "evsesim-shard-\(getpid())-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: trace) }
        let outcome = try CLI.run(
            ["serve", "--fleet", fleet, "--no-pty", "--speed", "x600", "--duration", "5m", "--trace", trace.path]
                + extra, environment: Self.environment(environment))
        var records: [Int: [String]] = [:]
        guard outcome.status == 0 else { return (outcome, records) }
        let lines = try String(contentsOf: trace, encoding: .utf8).split(separator: "\n").dropFirst()
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let station = try #require(object["station"] as? Int, "fleet records name their station: \(line)")
            records[station, default: []].append(String(line))
        }
        return (outcome, records)
    }

    @Test(
        "auto/M takes K from JOB_COMPLETION_INDEX or the variable --shard-index-env names",
        arguments: [
            (["--shard", "auto/3"], ["JOB_COMPLETION_INDEX": "2"], "2/3"),
            (["--shard", "auto/2", "--shard-index-env", "SHARD"], ["SHARD": "1", "JOB_COMPLETION_INDEX": "0"], "1/2"),
            (["--shard", "1/3"], ["JOB_COMPLETION_INDEX": "0"], "1/3"),
        ])
    func indexFromEnvironment(arguments: [String], environment: [String: String], shard: String) throws {
        let run = try Self.serve(arguments, environment: environment)
        #expect(run.outcome.status == 0, "\(run.outcome.err)")
        #expect(run.outcome.out.contains("(shard \(shard))"), "\(run.outcome.out)")
        let k = Int(shard.prefix { $0 != "/" })!
        #expect(run.records.keys.sorted() == [k])
    }

    @Test(
        "a missing or bad index is a usage error naming the variable",
        arguments: [
            (["--shard", "auto/3"], [:], "JOB_COMPLETION_INDEX is not set"),
            (["--shard", "auto/3"], ["JOB_COMPLETION_INDEX": "3"], "JOB_COMPLETION_INDEX='3' is not a shard index"),
            (["--shard", "auto/2", "--shard-index-env", "POD"], ["POD": "x"], "POD='x' is not a shard index"),
            (["--shard", "0/2", "--shard-index-env", "POD"], ["POD": "1"], "needs --shard auto/2"),
            (["--shard", "auto/0"], [:], "--shard <K/M>"),
        ])
    func badIndex(arguments: [String], environment: [String: String], message: String) throws {
        let run = try Self.serve(arguments, environment: environment)
        #expect(run.outcome.status == 64, "\(run.outcome.out)\(run.outcome.err)")
        #expect(run.outcome.err.contains(message), "\(run.outcome.err)")
    }

    @Test("three auto/3 processes form the same fleet as one process, station by station")
    func processesFormTheFleet() throws {
        let whole = try Self.serve([])
        #expect(whole.outcome.status == 0, "\(whole.outcome.err)")
        #expect(whole.records.keys.sorted() == [0, 1, 2])
        for k in 0..<3 {
            let part = try Self.serve(["--shard", "auto/3"], environment: ["JOB_COMPLETION_INDEX": "\(k)"])
            #expect(part.outcome.status == 0, "\(part.outcome.err)")
            #expect(part.records.keys.sorted() == [k])
            #expect(part.records[k] == whole.records[k], "station \(k)")
        }
        // Station 0's EV plugs in at 30 s, so the identity covers charging.
        #expect(whole.records[0]?.contains { $0.contains(#""to":"C""#) } == true)
    }
}
