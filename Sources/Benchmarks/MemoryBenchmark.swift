import EVSEModel
import EverestAPI
import RAPI
import SimCore

#if canImport(Glibc)
    import Glibc
#endif

/// Resident memory per station: RSS growth while building a fleet of stations with their faces.
public enum MemoryBenchmark {
    /// Builds `count` stations (each with a RAPI face and an EVerest face, an EV plugged in and a
    /// minute of charging simulated) and reports the RSS growth divided by `count`.
    public static func run(count: Int = 1000) -> BenchmarkResult {
        let before = residentBytes()
        var stations: [Station] = []
        var rapi: [RAPIFace] = []
        var everest: [EverestFace] = []
        stations.reserveCapacity(count)
        for i in 0..<count {
            var s = Station(profile: StationProfile(), vehicle: VehicleProfile(), seed: 1, name: "station.\(i)")
            s.apply(.plug)
            s.run(until: .zero + .minutes(1))
            rapi.append(RAPIFace(station: s))
            var face = EverestFace(station: s)
            _ = face.afterStep(events: s.drainEvents(), station: s)
            _ = face.tick(station: &s)
            everest.append(face)
            stations.append(s)
        }
        let after = residentBytes()
        let perStation = Double(after - before) / Double(count)
        precondition(stations.count == count && rapi.count == count && everest.count == count)
        return BenchmarkResult(
            name: "resident memory per station (\(count) stations)", value: perStation / 1024, unit: "KB",
            goal: "< 200 KB", met: perStation < 200 * 1024,
            method:
                "RSS growth (/proc/self/statm) while building \(count) stations, each with its RAPI and EVerest faces, an EV plugged in and a minute simulated, divided by \(count)"
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
