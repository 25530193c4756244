import Foundation
import Glibc
import Scenario
import SimCore
import Testing

@testable import Live
@testable import Transport

extension LiveServeTests {
    /// The fast runner and a live session drive the same ``ScenarioInterpreter``: the same
    /// scenario gives the same verdicts and the same trace through both.
    @Suite("One interpreter, two drivers")
    struct InterpreterEquivalenceTests {
        /// The library's scenarios without `rapi` steps (a live pty belongs to its client, so
        /// those are skipped live by design).
        static let scenarios: [String] = {
            let dir = LiveSetup.packageRoot + "/Scenarios"
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
            return names.filter { $0.hasSuffix(".json") }.sorted().filter { name in
                let text = (try? String(contentsOfFile: dir + "/" + name, encoding: .utf8)) ?? ""
                return !text.contains("\"rapi\"")
            }
        }()

        @Test("the library has scenarios to compare")
        func enoughScenarios() {
            #expect(Self.scenarios.count >= 20)
        }

        @Test("same verdicts and same trace, fast and live", arguments: scenarios)
        func sameOutcome(name: String) throws {
            let path = LiveSetup.packageRoot + "/Scenarios/" + name
            let library = try LiveSetup.library()
            let bytes = Array(try String(contentsOfFile: path, encoding: .utf8).utf8)
            let prepared = try PreparedScenario(bytes: bytes, file: name, library: library)

            // Fast.
            let lines = LineCollector()
            let writer = TraceWriter()
            var runner = prepared.runner(options: RunOptions(trace: { lines.add(writer.line($0)) }))
            let fast = runner.run()
            try #require(fast.interruption == nil)

            // Live: the real loop and fleet, paced as fast as they go, no pty and no broker.
            var configuration = LiveFleetConfiguration(
                station: prepared.station, vehicle: prepared.vehicle, seed: prepared.document.seed,
                wallTime: prepared.document.start, scenario: prepared.document)
            configuration.ptyPath = nil
            let tracePath = LiveSetup.temporaryPath("equivalence.jsonl")
            defer { unlink(tracePath) }
            configuration.tracePath = tracePath
            let driver = try LiveDriver(configuration, pacing: .maximum)
            try driver.run(until: fast.endTime)
            let live = driver.fleet.stations[0]
            #expect(
                live.scheduleFinished && live.schedule == nil, "the live interpreter reached until at \(fast.endTime)")
            #expect(live.verdicts == fast.verdicts)
            driver.fleet.stop()

            // `live.*` records (the stop, lag) describe the serving, which a fast run does not have.
            let liveLines = try String(contentsOfFile: tracePath, encoding: .utf8)
                .split(separator: "\n").dropFirst().map(String.init).filter { !$0.contains(#""src":"live""#) }
            let firstDifference = zip(liveLines, lines.all).enumerated().first { $0.element.0 != $0.element.1 }
            #expect(
                firstDifference == nil,
                "first difference at record \(firstDifference?.offset ?? 0): live \(firstDifference?.element.0 ?? "") vs fast \(firstDifference?.element.1 ?? "")"
            )
            #expect(liveLines.count == lines.all.count)
        }
    }
}

/// Collects trace lines from a `@Sendable` sink.
final class LineCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func add(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}
