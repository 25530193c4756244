import Foundation
import Glibc

/// A private mosquitto broker on a loopback port, started and stopped by PID by one test.
final class TestBroker {
    let port: Int
    let directory: String
    private var process: TestProcess?

    /// Prepares a configuration for `port` (default: a free one); nothing runs until ``start()``.
    /// With `requireAuthentication`, anonymous clients are refused and no user exists; `users`
    /// (name → password) go into a `mosquitto_passwd` file and imply it.
    /// `extraConfiguration` is appended to the listener's lines (TLS files, for instance).
    init(
        port: Int? = nil, requireAuthentication: Bool = false, users: [String: String] = [:],
        extraConfiguration: String = ""
    ) throws {
        self.port = try port ?? freeLoopbackPort()
        var template = Array("/tmp/evsesim-broker-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw TestSetupError("mkdtemp failed") }
        directory = String(cString: made)
        var passwordLine = ""
        if !users.isEmpty {
            guard let tool = findExecutable("mosquitto_passwd") else {
                throw TestSetupError("mosquitto_passwd is not installed")
            }
            // mosquitto started as root reads the file as user mosquitto: let it through the folder.
            chmod(directory, 0o755)
            let file = directory + "/passwords"
            _ = FileManager.default.createFile(atPath: file, contents: nil)
            for (user, password) in users {
                let process = try TestProcess(tool, ["-b", file, user, password])
                guard process.waitForExit(timeout: .seconds(10)) else { throw TestSetupError("mosquitto_passwd hung") }
            }
            passwordLine = "password_file \(file)\n"
        }
        let configuration = """
            listener \(self.port) 127.0.0.1
            allow_anonymous \(requireAuthentication || !users.isEmpty ? "false" : "true")
            persistence false
            log_dest stdout
            \(passwordLine)\(extraConfiguration)
            """
        try configuration.write(toFile: directory + "/mosquitto.conf", atomically: true, encoding: .utf8)
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    var isRunning: Bool { process?.isRunning ?? false }
    var pid: Int32? { process?.pid }

    /// Starts the broker and waits until it accepts connections.
    func start() throws {
        guard let mosquitto = findExecutable("mosquitto") else { throw TestSetupError("mosquitto is not installed") }
        process = try TestProcess(mosquitto, ["-c", directory + "/mosquitto.conf"])
        let up = waitUntil(timeout: .seconds(5)) {
            usleep(10_000)
            return loopbackAccepts(port: port)
        }
        guard up else {
            let log = process?.text ?? ""
            stop()
            throw TestSetupError("mosquitto did not start on port \(port): \(log)")
        }
    }

    /// Stops the broker by PID.
    func stop() {
        process?.stop()
        process = nil
    }
}

/// The port the shared test broker listens on (exported by tools/test), if any.
let sharedBrokerPort: Int? = ProcessInfo.processInfo.environment["MQTT_TEST_PORT"].flatMap { Int($0) }

/// A port nobody listens on right now (bind to 0, read it back, close).
func freeLoopbackPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw TestSetupError("socket failed") }
    defer { close(fd) }
    var address = loopbackAddress(port: 0)
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0 else { throw TestSetupError("bind failed") }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// Whether something accepts TCP connections on 127.0.0.1:`port`.
func loopbackAccepts(port: Int) -> Bool {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var address = loopbackAddress(port: port)
    return withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
        }
    }
}

private func loopbackAddress(port: Int) -> sockaddr_in {
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = UInt16(port).bigEndian
    address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
    return address
}

/// `mosquitto_sub` as a peer: prints `topic payload` lines; `-d` lets us see its SUBACK.
func startSubscriber(port: Int, topic: String, count: Int, timeoutSeconds: Int = 20) throws -> TestProcess {
    guard let tool = findExecutable("mosquitto_sub") else { throw TestSetupError("mosquitto_sub is not installed") }
    // Its stdout is a pipe, so stdio would hold the SUBACK line back until exit: line-buffer it.
    guard let stdbuf = findExecutable("stdbuf") else { throw TestSetupError("stdbuf (coreutils) is not installed") }
    return try TestProcess(
        stdbuf,
        [
            "-oL", tool,
            "-h", "127.0.0.1", "-p", String(port), "-t", topic, "-v", "-d", "-C", String(count),
            "-W", String(timeoutSeconds), "-i", "evsesim-test-sub-\(getpid())-\(UInt32.random(in: 0...UInt32.max))",
        ])
}

/// `mosquitto_pub` as a peer: publishes one message and exits.
func publishWithPeer(port: Int, topic: String, message: String) throws -> TestProcess {
    guard let tool = findExecutable("mosquitto_pub") else { throw TestSetupError("mosquitto_pub is not installed") }
    return try TestProcess(
        tool,
        [
            "-h", "127.0.0.1", "-p", String(port), "-t", topic, "-m", message,
            "-i", "evsesim-test-pub-\(getpid())-\(UInt32.random(in: 0...UInt32.max))",
        ])
}

/// The `topic payload` lines a `mosquitto_sub -v -d` printed, debug lines left out.
func receivedLines(_ subscriber: TestProcess, topicPrefix: String) -> [String] {
    subscriber.text.split(separator: "\n").map(String.init).filter { $0.hasPrefix(topicPrefix) }
}
