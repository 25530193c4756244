import EVSEModel
import Foundation
import SimCore
import Synchronization
import Testing

@testable import Scenario

/// Collects trace lines from a run (the runner's sink is a @Sendable closure).
final class TraceCollector: Sendable {
    private let lines = Mutex<[String]>([])
    let writer = TraceWriter()
    var sink: @Sendable (TraceRecord) -> Void { { r in self.append(r) } }
    func append(_ r: TraceRecord) {
        let line = writer.line(r)
        lines.withLock { $0.append(line) }
    }
    var all: [String] { lines.withLock { $0 } }
}

enum RunnerFixture {
    /// The repository's own profile library.
    static let library: ProfileLibrary = {
        let here = URL(fileURLWithPath: #filePath)
        let root = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try! ProfileLibrary(directory: root.appendingPathComponent("Profiles").path, files: DiskFiles())
    }()

    static func prepare(_ json: String, seed: UInt64? = nil) throws -> PreparedScenario {
        try PreparedScenario(bytes: Array(json.utf8), file: "test.json", library: library, seed: seed)
    }

    static func run(_ json: String, seed: UInt64? = nil) throws -> (ScenarioResult, [String]) {
        let collector = TraceCollector()
        var runner = try prepare(json, seed: seed).runner(options: RunOptions(trace: collector.sink))
        let result = runner.run()
        return (result, collector.all)
    }

    static let ukSession = """
        {
          "schema": "evsesim/scenario@1", "name": "uk", "seed": 3,
          "station": { "profile": "openevse-8.2.3-uk" },
          "vehicle": { "profile": "compact-40kwh-1ph" },
          "steps": [
            { "do": "plug" },
            { "wait": "evse.state == C", "timeout": "10s" },
            { "at": "+1m", "do": "setLimit", "amps": 10 },
            { "expect": { "uk.remaining": { "min": 1, "max": 600 } } }
          ],
          "until": "+20m"
        }
        """
}

@Suite struct RunnerTests {
    @Test func sameScenarioAndSeedGiveByteIdenticalTraces() throws {
        let (a, traceA) = try RunnerFixture.run(RunnerFixture.ukSession)
        let (_, traceB) = try RunnerFixture.run(RunnerFixture.ukSession)
        #expect(a.passed)
        #expect(traceA.count > 20)
        #expect(traceA == traceB)
    }

    @Test func differentSeedChangesOnlyTheRandomParts() throws {
        let (_, traceA) = try RunnerFixture.run(RunnerFixture.ukSession, seed: 3)
        let (_, traceB) = try RunnerFixture.run(RunnerFixture.ukSession, seed: 4)
        #expect(traceA != traceB)
        // The model's own records are identical up to the random delay; only measured values
        // (seeded meter noise in publications) and the delay's length differ.
        func stationLines(_ trace: [String]) -> [String] {
            Array(trace.filter { $0.contains("\"src\":\"station\"") }.prefix { !$0.contains("uk.delay.start") })
        }
        #expect(stationLines(traceA).count > 10)
        #expect(stationLines(traceA) == stationLines(traceB))
        let delayA = traceA.first { $0.contains("uk.delay.start") }
        let delayB = traceB.first { $0.contains("uk.delay.start") }
        #expect(delayA != nil && delayA != delayB)
    }

    @Test func failingExpectationAndTimedOutWaitAreReported() throws {
        let (result, _) = try RunnerFixture.run(
            """
            { "schema": "evsesim/scenario@1", "name": "fails", "station": { "profile": "openevse-8.2.3-us" },
              "steps": [
                { "expect": { "evse.state": "C" }, "label": "not charging yet" },
                { "wait": "relay == closed", "timeout": "5s" }
              ], "until": "10s" }
            """)
        #expect(!result.passed)
        #expect(result.failures.map(\.label) == ["not charging yet: evse.state", "wait relay == closed"])
        #expect(result.failures[0].detail == "expected evse.state C, found A")
        #expect(result.failures[0].location == "test.json:3:5")
        #expect(result.failures[1].time == .zero + .seconds(5))
    }

    @Test func neverInvariantCatchesAViolationBetweenSamples() throws {
        // The relay closes and opens again within one second; a 1 Hz sampler could miss it.
        let (result, _) = try RunnerFixture.run(
            """
            { "schema": "evsesim/scenario@1", "name": "never", "station": { "profile": "openevse-8.2.3-us" },
              "steps": [
                { "never": "relay == closed", "label": "relay stays open" },
                { "do": "plug" },
                { "wait": "relay == closed", "timeout": "10s" },
                { "do": "unplug" }
              ], "until": "+1m" }
            """)
        let verdict = try #require(result.verdicts.first { $0.label == "relay stays open" })
        #expect(!verdict.passed)
        #expect(verdict.detail.contains("relay=closed"))
    }

    @Test func alwaysInvariantHoldsOverItsWindowOnly() throws {
        let (result, _) = try RunnerFixture.run(
            """
            { "schema": "evsesim/scenario@1", "name": "always", "station": { "profile": "openevse-8.2.3-us" },
              "steps": [
                { "always": "evse.state == A", "for": "30s" },
                { "at": "1m", "do": "plug" }
              ], "until": "+1m" }
            """)
        #expect(result.passed)
        #expect(result.verdicts.count == 1)
    }

    @Test func overrideWithUnknownKeyPointsIntoTheScenario() throws {
        let json = """
            { "schema": "evsesim/scenario@1", "name": "bad override",
              "station": { "profile": "openevse-8.2.3-us", "hardwareMaxAmp": 40 },
              "steps": [], "until": "1m" }
            """
        let error = try #require(throws: ScenarioValidationError.self) { try RunnerFixture.prepare(json) }
        #expect(
            error.issues.first?.description.hasPrefix(
                "test.json:2:48: $.station.hardwareMaxAmp: expected a profile field, found \"hardwareMaxAmp\"; did you mean \"hardwareMaxAmps\"?"
            )
                == true, "\(error)")
    }

    @Test(
        "an unknown command set or RAPI quirk is refused where the profile is read, naming the choices",
        arguments: [
            (
                #""commandSet": "openevse-9""#,
                #"test.json:2:62: $.station.commandSet: expected a RAPI command set, found "openevse-9"; valid choices: openevse-8.2.3-us, openevse-8.2.3-eu, d9-9.4.0"#
            ),
            (
                #""rapiQuirks": { "echoBugg": false }"#,
                #"test.json:2:64: $.station.rapiQuirks.echoBugg: expected a RAPI quirk, found "echoBugg"; did you mean "echoBug"?; valid choices: echoBug, silentOverlongDrop, noReplyToReboot, blockedDuringBoot"#
            ),
        ])
    func badRAPISettings(override: String, message: String) throws {
        let json = """
            { "schema": "evsesim/scenario@1", "name": "bad RAPI setting",
              "station": { "profile": "openevse-8.2.3-us", \(override) },
              "steps": [], "until": "1m" }
            """
        let error = try #require(throws: ScenarioValidationError.self) { try RunnerFixture.prepare(json) }
        #expect(error.issues.map(\.description) == [message])
    }

    @Test func overrideWithWrongTypeNamesExpectedAndFound() throws {
        let json = """
            { "schema": "evsesim/scenario@1", "name": "bad type",
              "station": { "profile": "openevse-8.2.3-us", "relayCloseDelay": 5 },
              "steps": [], "until": "1m" }
            """
        let error = try #require(throws: ScenarioValidationError.self) { try RunnerFixture.prepare(json) }
        let issue = try #require(error.issues.first)
        #expect(issue.line == 2)
        #expect(issue.path.description == "$.station.relayCloseDelay")
        #expect(issue.found == "5 (number)" || issue.found.contains("5"))
    }

    @Test func overridesApply() throws {
        let p = try RunnerFixture.prepare(
            """
            { "schema": "evsesim/scenario@1", "name": "ok", "station": { "profile": "openevse-8.2.3-us",
              "ukRandomDelay": { "enabled": true } }, "vehicle": { "profile": "phev-13kwh-1ph-16a", "soc": 0.5 },
              "steps": [], "until": "1m" }
            """)
        #expect(p.station.ukRandomDelay.enabled)
        #expect(p.station.ukRandomDelay.maxDuration == .seconds(600))
        #expect(p.vehicle.soc == 0.5)
        #expect(p.vehicle.maxCurrentAmps == 16)
    }

    @Test func junitReportListsFailures() throws {
        let (result, _) = try RunnerFixture.run(
            """
            { "schema": "evsesim/scenario@1", "name": "a <b>", "station": { "profile": "openevse-8.2.3-us" },
              "steps": [ { "expect": { "evse.state": "C" } } ], "until": "1s" }
            """)
        let xml = JUnitReport.xml([result], wallSeconds: [0.0125])
        #expect(
            xml.contains(
                "<testsuite name=\"a &lt;b&gt;\" file=\"test.json\" tests=\"1\" failures=\"1\" errors=\"0\" time=\"0.013\">"
            ))
        #expect(xml.contains("<failure message=\"expected evse.state C, found A\">"))
    }

    @Test func traceTimeIsExactFromNanoseconds() {
        #expect(TraceWriter.seconds(.zero + .nanoseconds(86_400_123_456_789)) == "86400.123456789")
        #expect(TraceWriter.seconds(.zero) == "0")
        #expect(TraceWriter.seconds(.zero + .milliseconds(12_500)) == "12.5")
        #expect(TraceWriter.seconds(.zero + .nanoseconds(1)) == "0.000000001")
        #expect(TraceWriter.seconds(.zero - .nanoseconds(1_500_000_000)) == "-1.5")
    }

    @Test(
        "a payload that is a JSON object or array is embedded compactly; anything else stays a string",
        arguments: [
            (#"{ "a": 1.50, "b": [true, null] }"#, #"{"a":1.50,"b":[true,null]}"#),
            (" [1, 2]\n", "[1,2]"),
            ("16", #""16""#),
            (#"{"a":"#, #""{\"a\":""#),
            ("enable", #""enable""#),
        ])
    func payloadsEmbedJSON(payload: String, written: String) {
        let record = TraceRecord(
            time: .zero + .milliseconds(1500), source: "mqtt", kind: "mqtt.receive",
            fields: [.init("payload", .payload(Array(payload.utf8)))])
        #expect(
            TraceWriter().line(record) == #"{"t":1.5,"src":"mqtt","kind":"mqtt.receive","payload":"# + written + "}")
    }

    @Test("trace times print from integer nanoseconds exactly as the string-built reference does")
    func secondsMatchReference() {
        var random = RandomStream(seed: 5, name: "trace seconds")
        var values: [Int64] = [
            0, 1, -1, 999_999_999, 1_000_000_000, -1_500_000_000, 86_400_123_456_789, .max, .min + 1,
        ]
        for _ in 0..<5_000 { values.append(Int64(bitPattern: random.next()) / Int64(1 + random.next() % 1_000_000)) }
        for ns in values {
            let t = SimInstant(nanoseconds: ns)
            #expect(TraceWriter.seconds(t) == TraceWriter.secondsByStrings(t), "\(ns)")
            #expect(TraceWriter.instant(seconds: TraceWriter.seconds(t)) == t, "read back: \(ns)")
        }
    }
}
