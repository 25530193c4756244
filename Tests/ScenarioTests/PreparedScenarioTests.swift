import Foundation
import SimCore
import Testing

@testable import Scenario

/// Reading a scenario against the real profile library: every problem in one pass, one line
/// per problem, the input limits, and the setup warnings.
@Suite struct PreparedScenarioTests {
    static let library: ProfileLibrary = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return try! ProfileLibrary(directory: root.appendingPathComponent("Profiles").path, files: DiskFiles())
    }()

    func prepare(_ text: String, limits: ScenarioLimits = .standard) -> Result<
        PreparedScenario, ScenarioValidationError
    > {
        Result { () throws(ScenarioValidationError) in
            try PreparedScenario(bytes: Array(text.utf8), file: "t.json", library: Self.library, limits: limits)
        }
    }

    func issues(_ text: String, limits: ScenarioLimits = .standard) -> [ScenarioIssue] {
        guard case .failure(let error) = prepare(text, limits: limits) else { return [] }
        return error.issues
    }

    static func scenario(
        station: String = #""profile": "openevse-8.2.3-us""#, vehicle: String? = nil, steps: String,
        until: String = "1h"
    ) -> String {
        """
        { "schema": "evsesim/scenario@1", "name": "t", "station": { \(station) },
          \(vehicle.map { "\"vehicle\": { \($0) }," } ?? "")
          "steps": \(steps), "until": "\(until)" }
        """
    }

    @Test func profileOverrideIssuesComeWithTheScenariosOwn() {
        let found = issues(
            Self.scenario(
                station: #""profile": "openevse-8.2.3-us", "hardwareMaxAmp": 40"#,
                vehicle: #""profile": "compact-40kwh-1ph", "batteryKwh": 50"#, steps: #"[ { "do": "plgu" } ]"#))
        #expect(found.map(\.path.description) == ["$.station.hardwareMaxAmp", "$.vehicle.batteryKwh", "$.steps[0].do"])
        #expect(found[0].suggestion == "hardwareMaxAmps")
        #expect(found[1].suggestion == "batteryKWh")
    }

    @Test func aProblemIsPrintedOnOneLine() {
        let issue = ScenarioIssue(
            file: "t.json", path: .root, line: 1, column: 1, expected: "a station the RAPI face can serve",
            found: "line one\nline two\r\tand a bell \u{7}\u{2028}")
        #expect(
            issue.description
                == #"t.json:1:1: $: expected a station the RAPI face can serve, found line one\nline two\r\tand a bell \u{7}\u{2028}"#
        )
        let found = issues(
            Self.scenario(steps: #"[ { "wait": "evse.state ==\nC", "timeout": "1s" }, { "do": "pl\nug" } ]"#))
        #expect(found.count == 2)
        #expect(found.allSatisfy { !$0.description.contains("\n") })
    }

    @Test(arguments: [
        (
            #"{ "session.energy": "10kWh" }"#,
            StateExpectation(key: "session.energy", expected: .equals(.number(10_000)))
        ),
        (
            #"{ "meter.power": { "min": "6kW" } }"#,
            StateExpectation(key: "meter.power", expected: .range(min: 6000, max: nil))
        ),
        (
            #"{ "vehicle.soc": { "value": "80%", "tolerance": "1%" } }"#,
            StateExpectation(key: "vehicle.soc", expected: .approximately(0.8, tolerance: 0.01))
        ),
        (
            #"{ "offered.amps": { "min": 6, "max": "16A" } }"#,
            StateExpectation(key: "offered.amps", expected: .range(min: 6, max: 16))
        ),
        (#"{ "vehicle.soc": "35%" }"#, StateExpectation(key: "vehicle.soc", expected: .equals(.number(0.35)))),
    ])
    func unitsWorkInExpectations(expect: String, expected: StateExpectation) throws {
        let prepared = try prepare(Self.scenario(steps: #"[ { "expect": \#(expect) } ]"#)).get()
        guard case .expectState(let expectations) = prepared.document.steps[0].kind else {
            Issue.record("not an expect step")
            return
        }
        #expect(expectations.map { StateExpectation(key: $0.key, expected: $0.expected) } == [expected])
    }

    @Test func unitsInExpectationsDecideVerdicts() throws {
        let prepared = try prepare(
            Self.scenario(
                steps: #"""
                    [ { "do": "plug" }, { "wait": "relay == closed", "timeout": "10s" },
                      { "at": "+2h", "expect": { "session.energy": { "min": "10kWh" }, "meter.power": { "min": "6kW", "max": "8kW" } } },
                      { "expect": { "session.energy": { "max": "10kWh" } } } ]
                    """#, until: "+1s")
        ).get()
        var runner = prepared.runner()
        let verdicts = runner.run().verdicts.map(\.passed)
        #expect(verdicts == [true, true, true, false])
    }

    @Test func limitsOnStepsSpanAndSize() {
        let steps = "[" + Array(repeating: #"{ "do": "plug" }"#, count: 11).joined(separator: ",") + "]"
        let tooMany = issues(Self.scenario(steps: steps), limits: ScenarioLimits(steps: 10))
        #expect(
            tooMany.map(\.description) == [
                "t.json:3:12: $.steps: expected at most 10 steps (raise the limit with --max-steps), found 11 steps"
            ])
        #expect(issues(Self.scenario(steps: steps), limits: ScenarioLimits(steps: 11)).isEmpty)

        let relative = issues(
            Self.scenario(steps: #"[ { "at": "20d", "do": "plug" } ]"#, until: "+12d"))
        #expect(relative.map(\.expected) == ["an end within 744h of the start (raise the limit with --max-span)"])
        #expect(relative.map(\.found) == [#""+12d", after the last step at 480h"#])
        #expect(issues(Self.scenario(steps: "[]", until: "+100000000d")).count == 1)
        #expect(
            issues(Self.scenario(steps: "[]", until: "+12d"), limits: ScenarioLimits(span: .hours(24 * 12))).isEmpty)

        let text = Self.scenario(steps: "[]")
        let size = issues(text, limits: ScenarioLimits(fileBytes: 10))
        #expect(
            size.map(\.description) == [
                "t.json: $: expected a file of at most 10 bytes (raise the limit with --max-file-size), found \(text.utf8.count) bytes"
            ])
    }

    @Test func limitOnJSONValues() throws {
        // The document, schema, name, station, its profile, steps, the step, "plug", until: 9 values.
        let text = Self.scenario(steps: #"[ { "do": "plug" } ]"#)
        #expect(issues(text, limits: ScenarioLimits(values: 9)).isEmpty)
        let found = issues(text, limits: ScenarioLimits(values: 8))
        #expect(found.count == 1)
        let issue = try #require(found.first)
        #expect(issue.expected == "at most 8 JSON values in one document (raise the limit with --max-values)")
        #expect(issue.found == "value number 9")
        #expect(issue.path.description == "$.until")
        #expect(
            issues(#"{ "x": ["# + Array(repeating: "1", count: 2_000_001).joined(separator: ",") + "] }").map(\.found)
                == [
                    "value number 2000001"
                ])
    }

    @Test func aThreePhaseVehicleOnAOnePhaseStationIsAWarningNotAnError() throws {
        let onOne = try prepare(Self.scenario(vehicle: #""profile": "premium-90kwh-3ph-22kw""#, steps: "[]")).get()
        #expect(onOne.warnings.count == 1)
        #expect(onOne.warnings.first?.contains("3 phases but the station openevse-8.2.3-us supplies 1") == true)
        let onThree = try prepare(
            Self.scenario(
                station: #""profile": "everest-yeti-3ph""#, vehicle: #""profile": "premium-90kwh-3ph-22kw""#,
                steps: "[]")
        ).get()
        #expect(onThree.warnings.isEmpty)
    }
}
