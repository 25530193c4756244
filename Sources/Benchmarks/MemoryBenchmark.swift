import Live
import Scenario

#if canImport(Glibc)
    import Glibc
#endif

/// Memory per station as `serve` holds it: resident memory growth while building a live fleet
/// and running it for a simulated minute, divided by the station count.
public enum MemoryBenchmark {
    /// Builds a live fleet of `count` stations (no pty, no broker; EVs plug in within the first
    /// 5 s and charge), runs a simulated minute, and reports the growth of resident memory per
    /// station while the fleet is alive.
    ///
    /// Run it before the other benchmarks: RSS growth undercounts whatever reuses pages that
    /// earlier work in the same process freed.
    public static func run(library: ProfileLibrary, count: Int) throws -> BenchmarkResult {
        let fleet = try MQTTThroughputBenchmark.fleet(library: library, stations: count)
        let before = residentBytes()
        let live = try LiveFleet(
            fleet: fleet, options: FleetServeOptions(ptyPattern: nil, mqtt: nil), logger: LiveBenchmarkSupport.quiet)
        _ = try live.serve(pacing: .scaled(1000), duration: .seconds(60), handlesSignals: false)
        let perStation = Double(residentBytes() - before) / Double(count)
        precondition(live.stations.count == count)
        return BenchmarkResult(
            name: "memory per station (\(count) stations)", value: perStation / 1024, unit: "KB",
            goal: "< 10 KB", met: perStation < 10 * 1024,
            method:
                "RSS growth (/proc/self/statm), measured first in the process, over building a live fleet of \(count) stations "
                + "(model, RAPI, EVerest and system faces, no pty, no broker; EVs charging) and serving a "
                + "simulated minute, divided by \(count)"
        )
    }

    /// Resident set size of this process in bytes.
    static func residentBytes() -> Int {
        guard let f = fopen("/proc/self/statm", "r") else { return 0 }
        defer { fclose(f) }
        var size = 0
        var resident = 0
        _ = withUnsafeMutablePointer(to: &size) { s in
            withUnsafeMutablePointer(to: &resident) { r in
                withVaList([s, r]) { vfscanf(f, "%ld %ld", $0) }
            }
        }
        return resident * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
