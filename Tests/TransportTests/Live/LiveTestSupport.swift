import EVSEModel
import Foundation
import Glibc
import Logging
import Scenario
import SimCore

@testable import Live
@testable import Transport

/// Paths and fixtures shared by the live tests.
enum LiveSetup {
    /// The package checkout the tests were built from.
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// `Tests/TransportTests/Clients`: the client scripts.
    static var clients: String { packageRoot + "/Tests/TransportTests/Clients" }

    /// The profile folder of the checkout.
    static var profiles: String { packageRoot + "/Profiles" }

    /// The venv `Clients/setup-python.sh` makes, with python-openevse 0.6 and pyserial.
    static let venvPython = "/tmp/evsesim-venv/bin/python"

    /// The venv's Python when python-openevse is importable from it.
    static let openevsePython: String? = {
        guard access(venvPython, X_OK) == 0 else { return nil }
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: venvPython)
        probe.arguments = ["-c", "import openevse, serial"]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return nil }
        probe.waitUntilExit()
        return probe.terminationStatus == 0 ? venvPython : nil
    }()

    /// The `evsesim` executable built next to the test bundle, if it is there.
    static let executable: String? = {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { return nil }
        let exe = String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let path = (exe as NSString).deletingLastPathComponent + "/evsesim"
        return access(path, X_OK) == 0 ? path : nil
    }()

    static func library() throws -> ProfileLibrary { try ProfileLibrary(directory: profiles) }

    /// A scenario that plugs the EV in at `at` and waits for charging to start.
    static func plugScenario(at: String, extraSteps: String = "") -> String {
        """
        {
          "schema": "evsesim/scenario@1", "name": "plug in at \(at)",
          "station": { "profile": "openevse-8.2.3-us" },
          "vehicle": { "profile": "compact-40kwh-1ph", "soc": 0.3 },
          "steps": [
            { "at": "\(at)", "do": "plug" },
            { "wait": "evse.state == C", "timeout": "30s", "label": "charging starts" }\(extraSteps)
          ],
          "until": "+1m"
        }
        """
    }

    /// A configuration for the US station, from `scenario` (JSON text) when given.
    static func configuration(scenario: String? = nil, ptyPath: String?, count: Int = 1) throws
        -> LiveFleetConfiguration
    {
        let library = try library()
        var configuration: LiveFleetConfiguration
        if let scenario {
            let prepared = try PreparedScenario(bytes: Array(scenario.utf8), file: "inline.json", library: library)
            configuration = LiveFleetConfiguration(
                station: prepared.station, vehicle: prepared.vehicle, seed: prepared.document.seed,
                wallTime: prepared.document.start, scenario: prepared.document)
        } else {
            configuration = LiveFleetConfiguration(
                station: try library.stationProfile(ProfileSelection(profile: "openevse-8.2.3-us"), file: "test"),
                vehicle: try library.vehicleProfile(ProfileSelection(profile: "compact-40kwh-1ph"), file: "test"))
        }
        configuration.count = count
        configuration.ptyPath = ptyPath
        configuration.detachedCheckInterval = .milliseconds(20)
        return configuration
    }

    /// Starts `Clients/<script>` with the system Python (or `python`), passing `arguments`.
    static func client(_ script: String, _ arguments: [String], python: String? = nil) throws -> TestProcess {
        guard let python = python ?? pythonExecutable() else { throw TestSetupError("python3 is not installed") }
        return try TestProcess(python, [clients + "/" + script] + arguments)
    }

    /// A fresh path in /tmp for a file the test writes.
    static func temporaryPath(_ label: String) -> String {
        "/tmp/evsesim-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))-\(label)"
    }

    /// The RAPI command line with its XOR checksum, as clients send it (without CR).
    static func checksummed(_ command: String) -> String {
        let sum = command.utf8.reduce(UInt8(0)) { $0 ^ $1 }
        return command + "^" + String(sum, radix: 16, uppercase: true).leftPadded(to: 2)
    }

    /// The records of a JSONL trace after its header.
    static func traceRecords(_ path: String) throws -> [[String: Any]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try text.split(separator: "\n").dropFirst().map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw TestSetupError("trace line is not an object: \(line)")
            }
            return object
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

extension TestProcess {
    /// The JSON object the process printed last, once it has exited.
    func jsonResult() throws -> [String: Any] {
        let text = self.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let line = text.split(separator: "\n").last,
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        else { throw TestSetupError("\(name) printed no JSON; stdout: \(text); stderr: \(errorText)") }
        return object
    }
}

/// A fleet driven by a ``LiveLoop`` on the test's thread, stopped by a condition the test
/// gives (checked every 20 ms of wall time) or at a simulated limit.
final class LiveDriver {
    let fleet: LiveFleet
    let loop: LiveLoop
    /// Checked every 20 ms while the loop runs; true stops it.
    var stopWhen: () -> Bool = { false }
    private let watchdog = Watchdog(interval: .milliseconds(20))

    init(_ configuration: LiveFleetConfiguration, pacing: Pacing, logger: Logger = quietLogger) throws {
        fleet = try LiveFleet(configuration: configuration, logger: logger)
        loop = try LiveLoop(
            simulation: fleet, configuration: LiveLoop.Configuration(pacing: pacing, handlesSignals: false),
            logger: logger)
        fleet.attach(to: loop)
        loop.register(watchdog, name: "test watchdog") { [unowned self] readiness in
            watchdog.rearm(after: readiness.wallTime)
            if stopWhen() { loop.requestStop() }
        }
        try fleet.start()
    }

    deinit { fleet.stop() }

    /// Runs until `limit` or until `stopWhen` holds.
    @discardableResult
    func run(until limit: SimInstant, stopWhen condition: @escaping () -> Bool = { false }) throws -> LiveRunReport {
        stopWhen = condition
        return try loop.run(until: limit)
    }
}

/// A source with no descriptor that is due every `interval`.
final class Watchdog: LiveSource {
    let interval: Duration
    private var due = ContinuousClock.now

    init(interval: Duration) { self.interval = interval }

    func rearm(after now: ContinuousClock.Instant) { due = now + interval }
    func pollInterest() -> PollInterest? { nil }
    func nextDeadline() -> ContinuousClock.Instant? { due }
}

extension SimInstant {
    /// `seconds` after the start of the session.
    static func at(_ seconds: Int64) -> SimInstant { .zero + .seconds(seconds) }
}
