import EVSEModel
import Foundation
import Live
import OCPPTransport
import Scenario
import SimCore
import Transport

/// OCPP messages per second and the CPU per message with many stations charging and sending
/// MeterValues every 10 s to the test CSMS (the `ocpp` Python package on loopback), next to the
/// floor: the same MeterValues frame, pre-encoded, sent as often through the same WebSocket
/// client (``OCPPLink``) with no simulation.
public enum OCPPThroughputBenchmark {
    /// Seconds at the start of each run left out: connecting, BootNotification and
    /// StatusNotification of every station, the EVs plugging in, StartTransaction. Runs last a
    /// multiple of 10 s longer, so the steady window holds whole MeterValues periods.
    static let startup: Duration = .seconds(25)

    /// Every station runs this in the background: plug in at 5 s, MeterValues every 10 s.
    static let scenario = """
        {"schema": "evsesim/scenario@1", "name": "OCPP bench",
         "station": {"profile": "everest-yeti-3ph"},
         "vehicle": {"profile": "midsize-60kwh-3ph-11kw", "soc": 0.2, "targetSoc": 0.95},
         "ocpp": {"configuration": {"MeterValueSampleInterval": 10}},
         "steps": [{"at": "5s", "do": "plug"}], "until": "+1h"}
        """

    /// Serves `stations` stations in real time against a fresh CSMS for `seconds`, then the floor
    /// for as long against the same CSMS; both are measured after ``startup``.
    public static func run(library: ProfileLibrary, stations: Int, seconds: Int64) throws -> [BenchmarkResult] {
        let csms = try OCPPBenchCSMS()
        var counts: [(Double, Double)]?
        defer { if counts == nil { _ = csms.finish() } }
        let prepared = try PreparedScenario(bytes: Array(scenario.utf8), file: "bench", library: library)
        var configuration = LiveFleetConfiguration(
            station: prepared.station, vehicle: prepared.vehicle, seed: prepared.document.seed,
            wallTime: prepared.document.start, count: stations, ptyPath: nil, scenario: prepared.document)
        configuration.ocpp = OCPPLinkSettings(url: "ws://127.0.0.1:\(csms.port)/ocpp")
        configuration.ocppID = "BENCH"
        let live = try LiveFleet(configuration: configuration, logger: LiveBenchmarkSupport.quiet)
        let sim = CPUWindow()
        _ = try live.serve(pacing: .scaled(1), duration: .seconds(seconds), handlesSignals: false) { _ in
            sim.begin(after: startup)
        }
        sim.end()
        guard let frame = csms.sampleFrame() else {
            throw BenchmarkSetupError("no MeterValues reached the OCPP bench CSMS in \(seconds) s")
        }
        let floor = try OCPPFloorBenchmark.run(frame: frame, stations: stations, port: csms.port, seconds: seconds) {
            $0.begin(after: startup)
        }
        counts = csms.finish().counts
        let simFrames = OCPPBenchCSMS.frames(counts!, from: sim.from, to: sim.to)
        let floorFrames = OCPPBenchCSMS.frames(counts!, from: floor.from, to: floor.to)
        let perMessage = sim.cpu / max(simFrames, 1) * 1e6
        let floorPerMessage = floor.cpu / max(floorFrames, 1) * 1e6
        let steady = "after the first \(startup) of \(seconds) s"
        let runText =
            "one process, \(stations) stations (no pty, EVs charging, MeterValueSampleInterval 10) in real time, "
            + "one WebSocket each to a CSMS built with the `ocpp` Python package on loopback; messages are the "
            + "OCPP-J frames both ways as the CSMS counts them (\(frame.utf8.count) B MeterValues call)"
        return [
            BenchmarkResult(
                name: "OCPP messages per second, \(stations) stations, steady", value: simFrames / sim.wall,
                unit: "msg/s", method: "\(steady); \(runText)"),
            BenchmarkResult(
                name: "OCPP CPU per message, \(stations) stations, steady", value: perMessage, unit: "µs",
                method: "getrusage user + sys \(steady) / messages then (simulation, OCPP face and WebSockets)"),
            BenchmarkResult(
                name: "floor: OCPPLink per message, \(stations) stations", value: floorPerMessage, unit: "µs",
                method:
                    "the CSMS's first MeterValues frame, pre-encoded, sent by \(stations) OCPPLinks every 10 s "
                    + "(fresh message ids) to the same CSMS with no simulation, \(steady); "
                    + "\(BenchmarkTable.format(floorFrames / floor.wall, "msg/s"))"),
            BenchmarkResult(
                name: "OCPP ratio to the floor, \(stations) stations", value: perMessage / max(floorPerMessage, 1e-9),
                unit: "×", method: "the two rows above, measured in the same run"),
            BenchmarkResult(
                name: "OCPP CPU share, \(stations) stations, steady", value: sim.cpu / sim.wall * 100,
                unit: "% of a core",
                method: "\(steady); floor \(BenchmarkTable.format(floor.cpu / floor.wall * 100, "%")) of a core"),
        ]
    }
}

/// The CPU seconds and wall times (seconds since 1970) of a run's steady part: from a delay
/// after its loop started to its end.
final class CPUWindow: @unchecked Sendable {
    private let lock = NSLock()
    private var start: (cpu: Double, at: Double)?
    private var stop: (cpu: Double, at: Double)?

    /// Samples the CPU time `delay` after now, from another thread.
    func begin(after delay: Duration) {
        Thread.detachNewThread { [self] in
            Thread.sleep(forTimeInterval: delay.secondsDouble)
            let sample = (LiveBenchmarkSupport.cpuSeconds(), Date().timeIntervalSince1970)
            lock.withLock { start = sample }
        }
    }

    /// Samples the CPU time at the run's end.
    func end() {
        let sample = (LiveBenchmarkSupport.cpuSeconds(), Date().timeIntervalSince1970)
        lock.withLock { stop = sample }
    }

    var from: Double { lock.withLock { start?.at ?? stop?.at ?? 0 } }
    var to: Double { lock.withLock { stop?.at ?? 0 } }
    var wall: Double { max(to - from, 1e-9) }
    var cpu: Double { lock.withLock { (stop?.cpu ?? 0) - (start?.cpu ?? stop?.cpu ?? 0) } }
}
