import Foundation
import Glibc
import Logging

/// A child process started by a test: output collected without blocking, stopped by PID when
/// the test is done with it (or, at the latest, when the object goes away), even if the test
/// failed.
final class TestProcess {
    let name: String
    private let process = Process()
    private let outputPipe = Pipe()
    private let errorPipe = Pipe()
    private(set) var output: [UInt8] = []
    private(set) var errorOutput: [UInt8] = []

    init(_ executable: String, _ arguments: [String]) throws {
        name = (executable as NSString).lastPathComponent
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        process.standardInput = FileHandle.nullDevice
        try Self.launch(process)
        for fd in [outputPipe.fileHandleForReading.fileDescriptor, errorPipe.fileHandleForReading.fileDescriptor] {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        }
    }

    deinit { stop() }

    /// Starts `process` with SIGTERM and SIGINT unblocked: Swift Testing runs tests on worker
    /// threads that block them, and a child inherits the mask (mosquitto would then ignore the
    /// SIGTERM that stops it, and the simulator the signals that stop it cleanly).
    static func launch(_ process: Process) throws {
        var unblock = sigset_t()
        var saved = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGTERM)
        sigaddset(&unblock, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &unblock, &saved)
        defer { pthread_sigmask(SIG_SETMASK, &saved, nil) }
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }
    /// The exit code (or the signal that ended it) once it has exited.
    var exitStatus: Int32 { process.terminationStatus }

    /// Everything written to stdout so far.
    var text: String {
        drain()
        return String(decoding: output, as: UTF8.self)
    }

    /// Everything written to stderr so far.
    var errorText: String {
        drain()
        return String(decoding: errorOutput, as: UTF8.self)
    }

    /// Reads what the pipes hold without blocking.
    func drain() {
        Self.readAvailable(outputPipe.fileHandleForReading.fileDescriptor, into: &output)
        Self.readAvailable(errorPipe.fileHandleForReading.fileDescriptor, into: &errorOutput)
    }

    /// Waits (at most `timeout`) for the process to exit on its own.
    @discardableResult
    func waitForExit(timeout: Duration) -> Bool {
        let end = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < end {
            drain()
            usleep(5_000)
        }
        drain()
        return !process.isRunning
    }

    /// SIGTERM by PID, SIGKILL if it has not gone after two seconds, then reap it.
    func stop() {
        guard process.isRunning else {
            drain()
            return
        }
        kill(pid, SIGTERM)
        if !waitForExit(timeout: .seconds(2)) { kill(pid, SIGKILL) }
        process.waitUntilExit()
        drain()
    }

    /// Sends `signal` to the process by PID.
    func signal(_ number: Int32) { kill(pid, number) }

    private static func readAvailable(_ fd: Int32, into buffer: inout [UInt8]) {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { return }
            buffer.append(contentsOf: chunk[..<n])
        }
    }
}

/// Finds an executable on PATH (and in the sbin directories, where Debian puts `mosquitto`).
func findExecutable(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    let directories = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin", "/usr/local/sbin"]
    return directories.map { "\($0)/\(name)" }.first { access($0, X_OK) == 0 }
}

/// The Python used for pty clients: the system one when present (no shim start-up cost).
func pythonExecutable() -> String? {
    access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : findExecutable("python3")
}

/// Calls `step` until it returns true or `timeout` passes; `step` should do a bounded wait.
@discardableResult
func waitUntil(timeout: Duration, _ step: () -> Bool) -> Bool {
    let end = ContinuousClock.now + timeout
    repeat {
        if step() { return true }
    } while ContinuousClock.now < end
    return step()
}

/// A unique path under /tmp for one test's link.
func uniqueLinkPath(_ label: String) -> String {
    "/tmp/evsesim-test-\(getpid())-\(label)-\(UInt32.random(in: 0...UInt32.max))"
}

/// Tests log nowhere: the library's notices would drown the test output.
let quietLogger = Logger(label: "evsesim.test", factory: { _ in SwiftLogNoOpLogHandler() })
