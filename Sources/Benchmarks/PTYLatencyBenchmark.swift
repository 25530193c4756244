import EVSEModel
import Foundation
import Live
import Scenario
import Transport

/// `$GS` round-trip time over a real pty, measured by a separate python3 process.
public enum PTYLatencyBenchmark {
    /// The client: raw mode, a warm-up until the station answers, then `count` requests at
    /// `rate` per second, each timed from before `write` to after the reply's `\r` is read
    /// (`time.perf_counter_ns`), so the figure includes the client's own system calls.
    static let client = #"""
        import json, os, select, sys, time, tty
        fd = os.open(sys.argv[1], os.O_RDWR | os.O_NOCTTY)
        tty.setraw(fd)
        def transact(timeout=1.0):
            t0 = time.perf_counter_ns()
            os.write(fd, b"$GS^30\r")
            buf = b""
            while not buf.endswith(b"\r"):
                if not select.select([fd], [], [], timeout)[0]:
                    return None
                buf += os.read(fd, 256)
            return time.perf_counter_ns() - t0
        for _ in range(50):
            if transact(0.2) is not None:
                break
        for _ in range(50):
            transact()
        result = {}
        for arg in sys.argv[2:]:
            rate, count = (int(x) for x in arg.split(":"))
            lat, start = [], time.perf_counter()
            for i in range(count):
                due = start + i / rate
                while time.perf_counter() < due:
                    pass
                d = transact()
                if d is not None:
                    lat.append(d)
            lat.sort()
            result[rate] = {"n": len(lat), "p50": lat[len(lat) // 2] / 1e6, "p99": lat[int(len(lat) * 0.99)] / 1e6}
        print(json.dumps(result))
        """#

    /// Serves one station on a pty and runs the client at 100 and 1,000 requests/s.
    /// - Returns: p50 and p99 for each rate (milliseconds).
    public static func run(library: ProfileLibrary, quick: Bool) throws -> [BenchmarkResult] {
        let directory = LiveBenchmarkSupport.temporaryDirectory("pty")
        defer { rmdir(directory) }
        let link = directory + "/station"
        let station = try library.stationProfile(ProfileSelection(profile: "openevse-8.2.3-us"), file: "bench")
        let vehicle = try library.vehicleProfile(nil, file: "bench")
        let configuration = LiveFleetConfiguration(station: station, vehicle: vehicle, ptyPath: link)
        let fleet = try LiveFleet(configuration: configuration, logger: LiveBenchmarkSupport.quiet)
        let plan = quick ? [(100, 200), (1000, 1000)] : [(100, 1000), (1000, 5000)]
        let (process, output) = try LiveBenchmarkSupport.python(client, [link] + plan.map { "\($0.0):\($0.1)" })
        let text = try LiveBenchmarkSupport.serve(fleet, client: process, output: output)
        guard process.terminationStatus == 0,
            let json = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: [String: Double]]
        else {
            throw BenchmarkSetupError("the pty latency client failed (status \(process.terminationStatus)): \(text)")
        }
        var results: [BenchmarkResult] = []
        for (rate, count) in plan {
            guard let figures = json[String(rate)], let p50 = figures["p50"], let p99 = figures["p99"] else { continue }
            let how =
                "python3 client in its own process, raw pty, \(count) × `$GS^30` at \(rate)/s, one at a time, "
                + "write → reply `\\r` (perf_counter_ns); no baud pacing; \(Int(figures["n"] ?? 0)) answered"
            results.append(
                BenchmarkResult(name: "pty `$GS` round trip p50 at \(rate)/s", value: p50, unit: "ms", method: how))
            results.append(
                BenchmarkResult(
                    name: "pty `$GS` round trip p99 at \(rate)/s", value: p99, unit: "ms", goal: "< 0.2 ms",
                    met: p99 < 0.2, method: how))
        }
        return results
    }
}
