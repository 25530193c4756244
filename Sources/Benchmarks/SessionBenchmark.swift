import EVSEModel
import Scenario
import SimCore

/// Wall time of a whole simulated day through the scenario runner, with 1 Hz EVerest sampling.
public enum SessionBenchmark {
    /// A 24-hour scenario: a big 1-phase EV charges for about ten hours, then sits plugged in.
    static let scenario = """
        {
          "schema": "evsesim/scenario@1", "name": "24-hour session benchmark", "seed": 1,
          "station": { "profile": "openevse-8.2.3-us" },
          "vehicle": { "profile": "pickup-130kwh-1ph-48a", "soc": 0.1, "targetSoc": 1.0 },
          "steps": [
            { "do": "plug" },
            { "never": "meter.power > 12kW" },
            { "at": "23h", "do": "unplug" }
          ],
          "until": "24h"
        }
        """

    /// Runs the day `repeats` times (trace on or off) and reports the best wall time.
    ///
    /// - Parameter telemetry: trace every publication (all ten payloads encoded every second).
    public static func run(library: ProfileLibrary, trace: Bool, telemetry: Bool = false, repeats: Int = 5) throws
        -> BenchmarkResult
    {
        let prepared = try PreparedScenario(bytes: Array(scenario.utf8), file: "bench-24h.json", library: library)
        var best = Double.infinity
        var events = 0
        var lines = 0
        for _ in 0..<repeats {
            let counter = LineCounter()
            var options = RunOptions()
            options.traceTelemetry = telemetry
            if trace {
                let writer = TraceLineWriter()
                options.trace = { record in counter.serialise(record, with: writer) }
            }
            let start = ContinuousClock.now
            var runner = prepared.runner(options: options)
            let result = runner.run()
            best = min(best, (ContinuousClock.now - start).secondsDouble)
            precondition(result.passed, "benchmark scenario failed: \(result.failures)")
            events = result.eventCount
            lines = counter.lines
        }
        let what = trace ? "\(lines) JSONL records serialised" : "no trace"
        let label = telemetry ? "trace with every publication" : trace ? "trace on" : "trace off"
        return BenchmarkResult(
            name: "24-hour session, 1 Hz sampling, \(label)", value: best, unit: "s",
            // Every publication traced: issue 10 asks for 0.5 s, 3.5 times faster than a SimPy model.
            goal: telemetry ? "≤ 0.5 s" : "< 0.5 s", met: telemetry ? best <= 0.5 : best < 0.5,
            method:
                "runner over a simulated day (\(events) station events, 86,400 publication ticks; \(what)); best of \(repeats)"
        )
    }
}

/// Counts serialised trace lines (the benchmark measures serialisation, not disk speed).
final class LineCounter: @unchecked Sendable {
    // Used from the one thread that runs the benchmark.
    private(set) var lines = 0
    private(set) var bytes = 0
    /// The line being serialised, reused like a file writer's buffer.
    private var buffer: [UInt8] = []

    /// Serialises `record` as the trace file would, and counts it.
    func serialise(_ record: TraceRecord, with writer: TraceLineWriter) {
        buffer.removeAll(keepingCapacity: true)
        writer.append(record, to: &buffer)
        lines += 1
        bytes += buffer.count
    }
}
