import EVSEModel
import SimCore
import Synchronization
import Testing

@testable import Scenario

/// What the interpreter tells a driver while a run goes on: verdicts as they are decided, the
/// planned end for progress, and an orderly early end.
@Suite struct InterpreterTests {
    /// A log of trace kinds and verdict callbacks, in the order they happened.
    final class EventLog: Sendable {
        let entries = Mutex<[String]>([])
        func add(_ entry: String) { entries.withLock { $0.append(entry) } }
        var all: [String] { entries.withLock { $0 } }
    }

    static func run(_ json: String, _ configure: (inout RunOptions, EventLog) -> Void) throws -> (
        ScenarioResult, [String]
    ) {
        let log = EventLog()
        var options = RunOptions(trace: { log.add("record \($0.kind)") })
        options.verdict = { log.add("verdict \($0.label)") }
        configure(&options, log)
        var runner = try RunnerFixture.prepare(json).runner(options: options)
        return (runner.run(), log.all)
    }

    static let lateWait = """
        {
          "schema": "evsesim/scenario@1", "name": "late wait",
          "station": { "profile": "openevse-8.2.3-us" },
          "vehicle": { "profile": "compact-40kwh-1ph", "soc": 0.3 },
          "steps": [
            { "at": "1h", "do": "plug" },
            { "wait": "evse.state == C", "timeout": "1h", "label": "charging starts" },
            { "expect": { "evse.state": "C" }, "label": "charging" }
          ],
          "until": "+30m"
        }
        """

    @Test("each verdict reaches the driver right after its trace record, while the run goes on")
    func streamedVerdicts() throws {
        let (result, log) = try Self.run(Self.lateWait) { _, _ in }
        #expect(result.passed)
        let verdictCallbacks = log.indices.filter { log[$0].hasPrefix("verdict ") }
        #expect(verdictCallbacks.count == 2)
        for index in verdictCallbacks { #expect(log[index - 1] == "record verdict") }
        let first = try #require(verdictCallbacks.first)
        #expect(log[(first + 1)...].contains("record relay"), "later events follow the first verdict")
    }

    @Test("progress knows the planned end before the steps have run, and the exact end after")
    func plannedEnd() throws {
        let seen = Mutex<[(SimInstant, SimInstant)]>([])
        let (result, _) = try Self.run(Self.lateWait) { options, _ in
            options.progress = { now, end in seen.withLock { $0.append((now, end)) } }
        }
        let reports = seen.withLock { $0 }
        let first = try #require(reports.first)
        #expect(first.0 < .zero + .hours(1))
        #expect(first.1 == .zero + .hours(2) + .minutes(30), "plug at 1h, wait up to 1h, then 30m")
        let last = try #require(reports.last)
        #expect(last.1 == result.endTime, "exact once the wait was met")
        #expect(result.endTime < .zero + .hours(1) + .minutes(31))
    }

    @Test("a week-long run reports a week as its end from the start")
    func weekLongEnd() throws {
        let week = """
            { "schema": "evsesim/scenario@1", "name": "week", "station": { "profile": "openevse-8.2.3-us" },
              "steps": [ { "do": "plug" } ], "until": "7d" }
            """
        let ends = Mutex<[SimInstant]>([])
        let (result, _) = try Self.run(week) { options, _ in
            options.progress = { _, end in ends.withLock { $0.append(end) } }
            // The first reports are enough: no need to simulate the whole week here.
            options.shouldStop = { ends.withLock { $0.count >= 3 } ? "enough" : nil }
        }
        #expect(result.interruption == "enough")
        #expect(ends.withLock { $0 } == Array(repeating: .zero + .hours(24 * 7), count: 3))
    }

    @Test("stopping early fails the pending check with the reason and closes the run")
    func interrupted() throws {
        let (result, log) = try Self.run(Self.lateWait) { options, log in
            // Stop once the EV is plugged in and the wait is pending.
            options.shouldStop = { log.all.contains("record vehicle.plug") ? "interrupted by SIGINT" : nil }
        }
        #expect(result.interruption == "interrupted by SIGINT")
        #expect(result.verdicts.map(\.label) == ["charging starts"])
        #expect(result.verdicts.first?.passed == false)
        #expect(result.verdicts.first?.detail.hasPrefix("interrupted by SIGINT before it was met") == true)
        #expect(result.endTime < .zero + .hours(1) + .seconds(1), "stopped right after the plug-in")
        #expect(log.last == "record scenario.end")
    }

    @Test("the interpreter starts a step due later only once its instant is settled")
    func settledSteps() throws {
        let doc = try RunnerFixture.prepare(Self.lateWait).document
        var station = Station(profile: StationProfile(), vehicle: VehicleProfile(), seed: 1)
        var interpreter = ScenarioInterpreter(document: doc, evseID: "evse", rapiSteps: .run)
        var effects: [InterpreterEffect] = []
        while let effect = interpreter.next(now: .zero, station: &station, settled: true) { effects.append(effect) }
        #expect(effects.count == 1, "only the start record: the plug is due at 1h")
        #expect(interpreter.nextTime(now: .zero) == .zero + .hours(1))
        #expect(interpreter.next(now: .zero + .hours(1), station: &station, settled: false) == nil)
        let due = interpreter.next(now: .zero + .hours(1), station: &station, settled: true)
        guard case .record(let record)? = due else {
            Issue.record("expected the step record, got \(String(describing: due))")
            return
        }
        #expect(record.kind == "scenario.step")
        #expect(interpreter.next(now: .zero + .hours(1), station: &station, settled: true) == .perform(.station(.plug)))
    }
}
