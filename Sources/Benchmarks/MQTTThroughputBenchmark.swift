import EVSEModel
import Foundation
import Scenario
import SimCore
import Live
import Transport

/// MQTT publications per second, and the CPU they cost, with many stations at 1 Hz.
public enum MQTTThroughputBenchmark {
    /// Serves `stations` stations (no ptys; EVs plug in within the first 5 s and charge) in real
    /// time to a private mosquitto for `seconds`, then reads the client's publication counter and
    /// getrusage (user + sys) over wall time.
    public static func run(library: ProfileLibrary, stations: Int, seconds: Int64) throws -> [BenchmarkResult] {
        let broker = try BenchBroker()
        defer { broker.stop() }
        let station = try library.stationProfile(ProfileSelection(profile: "openevse-8.2.3-us"), file: "bench")
        let vehicle = try library.vehicleProfile(ProfileSelection(profile: "compact-40kwh-1ph"), file: "bench")
        let generator = FleetGenerator(
            count: stations, station: station,
            vehicles: [.init(name: "compact-40kwh-1ph", profile: vehicle, weight: 1)],
            arrivals: .zero ... .seconds(5), stay: nil, targetSoc: nil)
        let fleet = FleetDocument(file: "bench", name: "bench", source: .generator(generator))
        let mqtt = try MQTTOptions(url: "mqtt://127.0.0.1:\(broker.port)", clientID: "evsesim-bench-\(getpid())")
        let live = try LiveFleet(
            fleet: fleet, options: FleetServeOptions(ptyPattern: nil, mqtt: mqtt), logger: LiveBenchmarkSupport.quiet)
        let cpuBefore = LiveBenchmarkSupport.cpuSeconds()
        let start = ContinuousClock.now
        let report = try live.serve(pacing: .scaled(1), duration: .seconds(seconds), handlesSignals: false)
        let wall = (ContinuousClock.now - start).secondsDouble
        let cpu = LiveBenchmarkSupport.cpuSeconds() - cpuBefore
        let published = Double(report.mqtt?.published ?? 0)
        let share = cpu / wall
        let how =
            "one process, \(stations) stations (no pty, EVs charging) at 1 Hz to a private mosquitto on loopback, "
            + "\(seconds) s real time; \(Int(published)) publications, max lag \(report.run.maxLag)"
        return [
            BenchmarkResult(
                name: "MQTT publications/s, \(stations) stations", value: published / wall, unit: "msg/s", method: how),
            BenchmarkResult(
                name: "CPU share, \(stations) stations at 1 Hz", value: share * 100, unit: "% of a core",
                goal: stations >= 1000 ? "< 50 %" : nil, met: stations >= 1000 ? share < 0.5 : nil,
                method: "getrusage(RUSAGE_SELF) user + sys over wall time during the run above"),
        ]
    }
}
