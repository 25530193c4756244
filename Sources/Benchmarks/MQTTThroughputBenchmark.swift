import EVSEModel
import Foundation
import Live
import Scenario
import SimCore
import Transport

/// The CPU cost of each MQTT publication with many stations at 1 Hz, next to the floor (the same
/// publications, pre-encoded, through the same client with no simulation), after start-up.
public enum MQTTThroughputBenchmark {
    /// Seconds at the start of a run counted as start-up (connecting, the first ticks of every
    /// station, the EVs plugging in), reported apart from the steady state.
    static let startup: Duration = .seconds(4)

    /// Serves `stations` stations (no ptys; EVs plug in within the first 5 s and charge) in real
    /// time to a private mosquitto for `seconds`, then publishes one of their seconds, pre-encoded,
    /// for as long through the same client: CPU per message of both after start-up, and the ratio.
    public static func run(library: ProfileLibrary, stations: Int, seconds: Int64) throws -> [BenchmarkResult] {
        let broker = try BenchBroker()
        defer { broker.stop() }
        let fleet = try Self.fleet(library: library, stations: stations)
        let mqtt = try MQTTOptions(url: "mqtt://127.0.0.1:\(broker.port)", clientID: "evsesim-bench-\(getpid())")
        let live = try LiveFleet(
            fleet: fleet, options: FleetServeOptions(ptyPattern: nil, mqtt: mqtt), logger: LiveBenchmarkSupport.quiet)
        var report: LiveSessionReport?
        let sim = try PublicationRun.measure(startup: startup) { loopStarts in
            report = try live.serve(pacing: .scaled(1), duration: .seconds(seconds), handlesSignals: false) { _ in
                loopStarts()
            }
            return report?.mqtt?.published ?? 0
        }
        let second = try MQTTFloorBenchmark.sampleSecond(of: fleet)
        let bytes = second.reduce(0) { $0 + $1.payload.count }
        let floor = try MQTTFloorBenchmark.run(
            messages: second, port: broker.port, seconds: seconds, startup: startup)
        // Once, for scale: the same floor through libmosquitto's own writes.
        let libraryFloor =
            stations == 1000
            ? try MQTTFloorBenchmark.run(
                messages: second, port: broker.port, seconds: seconds, startup: startup, writesQoS0Itself: false)
            : nil
        let perMessage = sim.steadyCPUPerMessage * 1e6
        let floorPerMessage = floor.steadyCPUPerMessage * 1e6
        let maxLag = report?.run.maxLag ?? .zero
        let dropped = report?.mqtt?.dropped ?? 0
        let steady = "after the first \(startup) of \(seconds) s"
        let runText =
            "one process, \(stations) stations (no pty, EVs charging) at 1 Hz to a private mosquitto on loopback, "
            + "\(seconds) s real time, \(Int(sim.messages)) publications (\(second.count)/s, "
            + "\(bytes / max(second.count, 1)) B mean payload; \(dropped) dropped because the broker fell behind)"
        let floorText =
            "the same \(second.count) topics and payloads a second, pre-encoded, through the same MosquittoClient "
            + "(QoS 0 written by the client, many per write()), loop and broker with no simulation, \(seconds) s, "
            + "\(floor.dropped) dropped"
        let goal = stations == 1000 || stations == 10000
        return [
            BenchmarkResult(
                name: "MQTT CPU per message, \(stations) stations, steady", value: perMessage, unit: "µs",
                goal: goal ? "≤ 2.5 µs" : nil, met: goal ? perMessage <= 2.5 : nil,
                method: "getrusage user + sys \(steady) / publications then; \(runText)"),
            BenchmarkResult(
                name: "floor: MosquittoClient per message, \(stations) stations", value: floorPerMessage, unit: "µs",
                method: floorText + ", \(steady)"),
            BenchmarkResult(
                name: "ratio to the floor, \(stations) stations", value: perMessage / max(floorPerMessage, 1e-9),
                unit: "×", method: "the two rows above, measured in the same run"),
            BenchmarkResult(
                name: "CPU share, \(stations) stations, start-up", value: sim.startupShare * 100,
                unit: "% of a core",
                method: "the first \(startup) of the loop above (connect, first ticks, EVs plug in); "
                    + "setup and subscriptions before the loop took \(BenchmarkTable.format(sim.setupWall, "s"))"),
            BenchmarkResult(
                name: "CPU share, \(stations) stations, steady", value: sim.steadyShare * 100, unit: "% of a core",
                goal: stations >= 10000 ? "< 100 % (keeps up)" : nil,
                met: stations >= 10000 ? sim.steadyShare < 1 && maxLag < .seconds(1) && dropped == 0 : nil,
                method: "\(steady); floor \(BenchmarkTable.format(floor.steadyShare * 100, "%")) of a core"),
            BenchmarkResult(
                name: "max lag behind the wall clock, \(stations) stations",
                value: Double(maxLag.components.seconds) + Double(maxLag.components.attoseconds) / 1e18, unit: "s",
                method: "the live loop's largest delay of a due event, whole run"),
        ]
            + (libraryFloor.map { run in
                [
                    BenchmarkResult(
                        name: "floor through mosquitto_publish, \(stations) stations",
                        value: run.steadyCPUPerMessage * 1e6, unit: "µs",
                        method: "as the floor, but every publication through mosquitto_publish (one write() and "
                            + "one write to libmosquitto's wake-up socket pair each, as before this client wrote QoS 0 "
                            + "itself), \(run.dropped) dropped, \(steady)")
                ]
            } ?? [])
    }

    /// `stations` OpenEVSE stations, each with a compact EV that plugs in within the first 5 s.
    static func fleet(library: ProfileLibrary, stations: Int) throws -> FleetDocument {
        let station = try library.stationProfile(ProfileSelection(profile: "openevse-8.2.3-us"), file: "bench")
        let vehicle = try library.vehicleProfile(ProfileSelection(profile: "compact-40kwh-1ph"), file: "bench")
        let generator = FleetGenerator(
            count: stations, station: station,
            vehicles: [.init(name: "compact-40kwh-1ph", profile: vehicle, weight: 1)],
            arrivals: .zero ... .seconds(5), stay: nil, targetSoc: nil)
        return FleetDocument(file: "bench", name: "bench", source: .generator(generator))
    }
}
