import EVSEModel
import Foundation
import Live
import Scenario
import Transport

/// RAPI round trips per second with many ptys served at once by one process.
public enum PTYThroughputBenchmark {
    /// The client: opens every pty raw, warms each up until it answers, then keeps one `$GS`
    /// outstanding on each for the measured seconds (poll over all of them), counting replies.
    static let client = #"""
        import json, os, select, sys, time, tty
        seconds = float(sys.argv[1])
        fds = []
        for p in sys.argv[2:]:
            fd = os.open(p, os.O_RDWR | os.O_NOCTTY | os.O_NONBLOCK)
            tty.setraw(fd)
            fds.append(fd)
        poller = select.poll()
        for fd in fds:
            poller.register(fd, select.POLLIN)
        REQ = b"$GS^30\r"
        waiting, deadline, last = set(fds), time.time() + 10, 0
        while waiting and time.time() < deadline:
            if time.time() - last > 0.2:
                for fd in waiting:
                    os.write(fd, REQ)
                last = time.time()
            for fd, _ in poller.poll(50):
                data = os.read(fd, 4096)
                if b"\r" in data:
                    waiting.discard(fd)
        time.sleep(0.3)
        for fd in fds:
            try:
                while os.read(fd, 4096):
                    pass
            except BlockingIOError:
                pass
        count, start = 0, time.perf_counter()
        for fd in fds:
            os.write(fd, REQ)
        end = start + seconds
        while time.perf_counter() < end:
            for fd, _ in poller.poll(100):
                n = os.read(fd, 4096).count(b"\r")
                count += n
                for _ in range(n):
                    os.write(fd, REQ)
        elapsed = time.perf_counter() - start
        print(json.dumps({"count": count, "seconds": elapsed, "unanswered": len(waiting)}))
        """#

    /// Serves `stations` ptys and drives them all from one client process.
    public static func run(library: ProfileLibrary, stations: Int = 100, quick: Bool) throws -> BenchmarkResult {
        let directory = LiveBenchmarkSupport.temporaryDirectory("ptys")
        defer { rmdir(directory) }
        let station = try library.stationProfile(ProfileSelection(profile: "openevse-8.2.3-us"), file: "bench")
        let vehicle = try library.vehicleProfile(nil, file: "bench")
        let pattern = directory + "/station-%d"
        let configuration = LiveFleetConfiguration(
            station: station, vehicle: vehicle, count: stations, ptyPath: pattern)
        let fleet = try LiveFleet(configuration: configuration, logger: LiveBenchmarkSupport.quiet)
        let seconds = quick ? 2 : 5
        let links = (0..<stations).map { pattern.replacing("%d", with: String($0)) }
        let (process, output) = try LiveBenchmarkSupport.python(client, [String(seconds)] + links)
        let text = try LiveBenchmarkSupport.serve(fleet, client: process, output: output)
        guard process.terminationStatus == 0,
            let json = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Double],
            let count = json["count"], let elapsed = json["seconds"]
        else {
            throw BenchmarkSetupError("the pty throughput client failed (status \(process.terminationStatus)): \(text)")
        }
        return BenchmarkResult(
            name: "RAPI round trips/s over \(stations) ptys", value: count / elapsed, unit: "round trips/s",
            method:
                "one python3 process polls \(stations) raw ptys of one evsesim process, one `$GS` outstanding on each, "
                + "for \(seconds) s after a warm-up")
    }
}
