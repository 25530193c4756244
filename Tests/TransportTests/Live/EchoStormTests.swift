import Foundation
import Glibc
import Logging
import SimCore
import Synchronization
import Testing

@testable import Transport

extension LiveServeTests {
    /// A client that turns ECHO on after attaching, next to a well-behaved one on a second station.
    @Suite("echo storm", .serialized)
    struct EchoStormTests {
        /// Attaches, waits until the station has seen it, turns cooked mode with echo on and sends `$GS`.
        static func careless(_ link: String) -> [PTYClient.Step] {
            [.open(link), .sleep(0.3), .cookedEcho, .write("$GS\r"), .sleep(0.8), .recordTermios, .close]
        }

        /// `$GS^30` every 50 ms for about 2 s, each reply awaited (1 s at most).
        static func steady(_ link: String) -> [PTYClient.Step] {
            [.open(link), .sleep(0.2)]
                + Array(
                    repeating: [PTYClient.Step.write("$GS^30\r"), .read(until: "\r", timeout: 1), .sleep(0.05)],
                    count: 40
                )
                .flatMap { $0 } + [.close]
        }

        struct Session {
            var records: [[String: Any]]
            var warnings: [String]
            var report: LiveRunReport
            var careless: PTYClient.Result
            var steady: PTYClient.Result
            var ticks: Int

            func lines(station: Int) -> Int {
                records.filter { $0["kind"] as? String == "pty.receive" && $0["station"] as? Int == station }.count
            }
            var echoRecords: [[String: Any]] { records.filter { $0["kind"] as? String == "pty.echo" } }
        }

        func serve(guardsEcho: Bool) throws -> Session {
            let pattern = uniqueLinkPath("storm") + "-%d"
            var configuration = try LiveSetup.configuration(ptyPath: pattern, count: 2)
            configuration.guardsEcho = guardsEcho
            let tracePath = LiveSetup.temporaryPath("storm.jsonl")
            defer { unlink(tracePath) }
            configuration.tracePath = tracePath
            let log = LogRecorder()
            let driver = try LiveDriver(configuration, pacing: .scaled(1), logger: log.logger)
            let second = driver.fleet.stations[1].evseID
            var ticks = 0
            driver.fleet.onPublish = { message in
                if message.topic == "everest_api/\(second)/var/datetime" { ticks += 1 }
            }
            let careless = try PTYClient.start(Self.careless(pattern.replacing("%d", with: "0")))
            defer { careless.stop() }
            let steady = try PTYClient.start(Self.steady(pattern.replacing("%d", with: "1")))
            defer { steady.stop() }
            let report = try driver.run(until: .at(30)) { !careless.isRunning && !steady.isRunning }
            driver.fleet.stop()
            return Session(
                records: try LiveSetup.traceRecords(tracePath),
                warnings: log.messages(at: .warning), report: report, careless: try PTYClient.result(of: careless),
                steady: try PTYClient.result(of: steady), ticks: ticks)
        }

        @Test(
            "the storm runs as on a real board, with one warning naming the fix and a trace record; the other station is not starved"
        )
        func stormIsReported() throws {
            let session = try serve(guardsEcho: false)
            print(
                "echo storm: \(session.lines(station: 0)) lines on station 0; \(session.report); \(session.ticks) ticks"
            )
            #expect(session.lines(station: 0) > 50, "the echo keeps the exchange going")
            #expect(session.careless.echo == true, "echo left as the client set it")
            let warnings = session.warnings.filter { $0.contains("echo") }
            #expect(warnings.count == 1, "\(session.warnings)")
            #expect(warnings.first?.contains("raw -echo") == true)
            #expect(warnings.first?.contains("--guard-echo") == true)
            #expect(session.echoRecords.count == 1)
            #expect(session.echoRecords.first?["restored"] as? Bool == false)
            #expect(session.echoRecords.first?["station"] as? Int == 0)

            // The other station answered every request and ticked every simulated second.
            #expect(session.steady.error == nil)
            #expect(session.steady.reads.count == 40)
            #expect(
                session.steady.reads.allSatisfy { $0.hasPrefix("$OK ") && $0.hasSuffix("\r") },
                "\(session.steady.reads)")
            let seconds = Int((session.report.simEnd - session.report.simStart).seconds)
            #expect(session.ticks == seconds, "one tick per simulated second")
            #expect(session.report.maxLag < .milliseconds(500), "the loop kept pace: \(session.report)")
        }

        @Test("--guard-echo puts the line back in raw mode: no storm")
        func guardStopsStorm() throws {
            let session = try serve(guardsEcho: true)
            print("guarded: \(session.lines(station: 0)) lines on station 0")
            #expect(session.careless.echo == false)
            #expect(session.lines(station: 0) < 10)
            #expect(session.echoRecords.first?["restored"] as? Bool == true)
            #expect(session.warnings.filter { $0.contains("--guard-echo") }.count == 1)
            #expect(session.steady.reads.count == 40)
        }
    }
}

/// Keeps every log message, for tests that check what was logged.
final class LogRecorder: Sendable {
    private let entries = Mutex<[(Logger.Level, String)]>([])

    var logger: Logger {
        Logger(label: "evsesim.test") { _ in Handler(recorder: self) }
    }

    func messages(at level: Logger.Level) -> [String] { entries.withLock { $0.filter { $0.0 == level }.map(\.1) } }

    private struct Handler: LogHandler {
        let recorder: LogRecorder
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            recorder.entries.withLock { $0.append((event.level, "\(event.message)")) }
        }
    }
}
