import Foundation
import Live
import Logging
import SimCore
import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// What the live figures share: child processes, a private broker, CPU time, temporary paths.
enum LiveBenchmarkSupport {
    /// A logger that keeps the benchmark's output to the table.
    static let quiet: Logger = {
        var logger = Logger(label: "evsesim.bench")
        logger.logLevel = .error
        return logger
    }()

    /// A fresh temporary folder.
    static func temporaryDirectory(_ label: String) -> String {
        var template = Array("/tmp/evsesim-bench-\(label)-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { return "/tmp" }
        return String(cString: made)
    }

    /// Starts `python3 -c script args…` with its standard output in a pipe.
    static func python(_ script: String, _ arguments: [String]) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let out = Pipe()
        process.standardOutput = out
        return (process, out)
    }

    /// Serves `fleet` in real time on this thread while `client` runs; stops when the client
    /// exits (or after `limit`) and returns the client's standard output.
    static func serve(_ fleet: LiveFleet, client: Process, output: Pipe, limit: SimDuration = .seconds(120)) throws
        -> String
    {
        let stop = Box<LiveLoop.Stopper?>(nil)
        client.terminationHandler = { _ in stop.value?.requestStop() }
        var launchError: (any Error)?
        _ = try fleet.serve(pacing: .scaled(1), duration: limit, handlesSignals: false) { stopper in
            stop.value = stopper
            do { try client.run() } catch {
                launchError = error
                stopper.requestStop()
            }
        }
        if let launchError { throw launchError }
        if client.isRunning { client.terminate() }
        client.waitUntilExit()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        return String(decoding: data, as: UTF8.self)
    }

    /// User plus system CPU seconds this process has used.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// A loopback port nobody listens on right now.
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// A value handed between the loop's thread and a process's termination handler.
final class Box<T>: @unchecked Sendable {
    // Written once before the client starts, read from its termination handler after.
    var value: T
    init(_ value: T) { self.value = value }
}

/// A private mosquitto on a free loopback port, stopped by its PID.
final class BenchBroker {
    let port: Int
    private let process = Process()
    private let directory: String

    /// Starts mosquitto and waits (up to 5 s) until it accepts connections.
    init() throws {
        port = LiveBenchmarkSupport.freePort()
        directory = LiveBenchmarkSupport.temporaryDirectory("broker")
        let configuration = "listener \(port) 127.0.0.1\nallow_anonymous true\npersistence false\n"
        try configuration.write(toFile: directory + "/mosquitto.conf", atomically: true, encoding: .utf8)
        let candidates = ["/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto"]
        guard let path = candidates.first(where: { access($0, X_OK) == 0 }) else {
            throw BenchmarkSetupError("mosquitto is not installed (apt-get install mosquitto)")
        }
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-c", directory + "/mosquitto.conf"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<500 {
            if Self.accepts(port: port) { return }
            usleep(10_000)
        }
        stop()
        throw BenchmarkSetupError("mosquitto did not start on port \(port)")
    }

    deinit { stop() }

    /// SIGTERM to the broker's PID, then waits for it.
    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGTERM)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    private static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}

/// A live figure could not be set up (no python3, no mosquitto, a client that failed).
public struct BenchmarkSetupError: Error, CustomStringConvertible, Sendable {
    /// What went wrong.
    public var description: String
    init(_ description: String) { self.description = description }
}
