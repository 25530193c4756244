import Foundation
import Glibc

/// `evsesim serve` as a child process: output goes to files (read at any time without blocking
/// it), signals by PID, the exit status once it has ended. Stopped at the latest in `deinit`.
final class ServeProcess {
    let directory: String
    private let process = Process()

    /// Starts `evsesim serve` with `arguments` (the checkout's profiles are passed for it) and
    /// `environment` added to the test's own.
    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        guard let executable = LiveSetup.executable else {
            throw TestSetupError("evsesim is not built next to the test bundle (swift build --build-tests builds it)")
        }
        directory = LiveSetup.temporaryPath("serve")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: directory + "/stdout", contents: nil)
        _ = FileManager.default.createFile(atPath: directory + "/stderr", contents: nil)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["serve", "--profiles", LiveSetup.profiles] + arguments
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: directory + "/stdout"))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: directory + "/stderr"))
        process.standardInput = FileHandle.nullDevice
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        try TestProcess.launch(process)
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    var isRunning: Bool { process.isRunning }
    var stdout: String { (try? String(contentsOfFile: directory + "/stdout", encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: directory + "/stderr", encoding: .utf8)) ?? "" }

    /// Waits until the banner's last line is out.
    func waitUntilServing(timeout: Duration = .seconds(10)) -> Bool {
        waitUntil(timeout: timeout) {
            usleep(10_000)
            return stdout.contains("serving; stop with") || !process.isRunning
        } && process.isRunning
    }

    func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// Waits for the process to end; its exit status, or nil if it is still running.
    func exitStatus(within timeout: Duration) -> Int32? {
        waitUntil(timeout: timeout) {
            usleep(10_000)
            return !process.isRunning
        }
        guard !process.isRunning else { return nil }
        return process.terminationStatus
    }
}

/// The Unix time now, in seconds (what `mosquitto_sub -F %U` prints).
func unixNow() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

/// One message a `mosquitto_sub -F '%U %t %p'` peer printed: arrival time, topic, payload.
struct Arrival {
    var time: Double
    var topic: String
    var payload: String

    /// The messages in a subscriber's output (debug lines left out).
    static func parse(_ text: String) -> [Arrival] {
        text.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count >= 2, let time = Double(parts[0]) else { return nil }
            return Arrival(time: time, topic: String(parts[1]), payload: parts.count > 2 ? String(parts[2]) : "")
        }
    }

    /// The payload as a JSON object, if it is one.
    var object: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(payload.utf8))) as? [String: Any]
    }
}

/// A `mosquitto_sub` that prints arrival times: `%U %t %p` per message, `-d` for its SUBACK.
func startTimedSubscriber(port: Int, topics: [String], seconds: Int) throws -> TestProcess {
    guard let tool = findExecutable("mosquitto_sub") else { throw TestSetupError("mosquitto_sub is not installed") }
    guard let stdbuf = findExecutable("stdbuf") else { throw TestSetupError("stdbuf (coreutils) is not installed") }
    return try TestProcess(
        stdbuf,
        [
            "-oL", tool, "-h", "127.0.0.1", "-p", String(port), "-d", "-F", "%U %t %p", "-W", String(seconds),
            "-i", "evsesim-serve-sub-\(getpid())-\(UInt32.random(in: 0...UInt32.max))",
        ] + topics.flatMap { ["-t", $0] })
}
