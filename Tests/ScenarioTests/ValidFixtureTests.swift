import EVSEModel
import Foundation
import JSON
import RAPI
import SimCore
import Testing

@testable import Scenario

@Suite struct ValidFixtureTests {
    /// The valid fixtures are read against the real profiles and condition keys, so they stay
    /// scenarios `evsesim validate` accepts.
    static let catalog: ScenarioCatalog = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let library = try! ProfileLibrary(directory: root.appendingPathComponent("Profiles").path, files: DiskFiles())
        return StationConditions.catalog(library)
    }()

    func load(_ name: String) throws -> ScenarioDocument {
        let file = "valid/\(name).json"
        return try ScenarioDocument(parsing: Fixtures.bytes(file), file: file, catalog: Self.catalog)
    }

    @Test func minimalScenarioGetsDefaults() throws {
        let doc = try load("minimal")
        #expect(doc.name == "Plug in and charge")
        #expect(doc.summary == nil)
        #expect(doc.seed == 1)
        #expect(doc.start == .defaultStart)
        #expect(doc.station.profile == "openevse-8.2.3-eu")
        #expect(doc.station.overrides == [:])
        #expect(doc.vehicle == nil)
        #expect(doc.end == .afterLastStep(.minutes(30)))
        #expect(doc.steps.map(\.timing) == [.afterPrevious, .afterPrevious])
        #expect(doc.steps[0].kind == .action(.station(.plug)))
        let wait = WaitStep(
            condition: .compare(key: "evse.state", .equal, .string("C")), text: "evse.state == C", timeout: .seconds(10)
        )
        #expect(doc.steps[1].kind == .wait(wait))
        #expect(doc.steps[1].path.description == "$.steps[1]")
        #expect(doc.steps[1].location == SourceLocation(file: "valid/minimal.json", line: 7, column: 5))
    }

    @Test func designExampleParsesIntoTypedSteps() throws {
        let doc = try load("uk-random-delay")
        #expect(doc.seed == 7)
        #expect(doc.start == WallTime(rfc3339: "2026-03-01T18:00:00Z"))
        #expect(doc.summary?.hasPrefix("A power cut") == true)
        #expect(doc.station.overrides == ["ukRandomDelay": ["enabled": true, "maxDuration": "10m"]])
        #expect(
            doc.vehicle
                == ProfileSelection(
                    profile: "compact-40kwh-1ph", overrides: ["soc": 0.35], path: JSONPath([.key("vehicle")])))
        #expect(doc.end == .afterLastStep(.hours(3)))
        #expect(
            doc.steps.map(\.timing) == [
                .fromStart(.zero), .afterPrevious, .afterPrevious, .afterPreviousBy(.hours(1)), .afterPrevious,
                .afterPrevious,
                .afterPreviousBy(.minutes(10)), .afterPrevious,
            ])
        #expect(doc.steps[0].label == "plug in")
        let expected: [ScenarioStep.Kind] = [
            .action(.station(.plug)),
            .wait(
                WaitStep(
                    condition: .and(
                        .compare(key: "evse.state", .equal, .string("C")),
                        .compare(key: "relay", .equal, .string("closed"))),
                    text: "evse.state == C && relay == closed", timeout: .seconds(10))),
            .never(
                InvariantStep(
                    condition: .or(
                        .compare(key: "vehicle.current", .greater, .number(32.5)),
                        .compare(key: "temperature", .greaterOrEqual, .number(70))),
                    text: "vehicle.current > 32.5A || temperature >= 70C", duration: nil)),
            .action(.station(.powerCut(for: .seconds(30)))),
            .expectMQTT(
                MQTTExpectation(
                    topic: "everest_api/evse_manager/var/session_info",
                    json: JSONSubsetPattern(["uk_random_delay": ["current_limit_during_delay_A": 0]]))),
            .rapi(RAPIStep(line: "$GS", expect: [LinePattern("$OK 02 *")])),
            .expectState([
                StateExpectation(key: "evse.state", expected: .equals(.string("C"))),
                StateExpectation(key: "meter.power", expected: .approximately(7360, tolerance: 50)),
            ]),
            .always(
                InvariantStep(
                    condition: .compare(key: "vehicle.soc", .lessOrEqual, .number(0.8)), text: "vehicle.soc <= 80%",
                    duration: .hours(1))),
        ]
        #expect(doc.steps.count == expected.count)
        for (step, kind) in zip(doc.steps, expected) {
            #expect(step.kind.ignoringLocations == kind, "at \(step.path)")
        }
    }

    @Test func everyActionParses() throws {
        let doc = try load("all-actions")
        #expect(doc.seed == .max)
        #expect(doc.end == .fromStart(.hours(1)))
        let stationActions: [StationAction] = [
            .plug, .unplug, .evPause, .evResume, .setSoc(0.2), .setTargetSoc(1), .ventilation(on: true),
            .setAmbient(celsius: -12.5), .injectFault(.gfiSelfTest), .clearFault(.overTemperature), .powerCut(for: nil),
            .powerRestore, .powerCut(for: .minutes(2)), .evOverdraw(amps: 2.5), .setCurrent(amps: 16, mode: .volatile),
            .setCurrent(amps: 32, mode: .persistent), .enable, .disable, .sleep,
            .heartbeat(intervalSeconds: 30, fallbackAmps: 6), .heartbeatPulse, .setLimit(.amps(10)),
            .setLimit(.watts(7400)),
            .setLimit(.ampsOnPhases(16, phases: 3)),
            .enableDisable(source: .csms, state: .disable, priority: 5000), .pauseCharging, .resumeCharging,
            .stopCharging, .authorize, .reserve, .cancelReservation, .ukRandomDelay(.cancel),
            .ukRandomDelayMax(seconds: 300), .ocppStatus(.disconnected), .systemFault(.uploadFails, active: false),
        ]
        let expected: [ScenarioAction] =
            stationActions.map { .station($0) } + [
                .serialFault(.delayNextReply(.milliseconds(1500))), .serialFault(.resetController),
            ]
        #expect(doc.steps.map(\.kind) == expected.map { .action($0) })
        // Every action name is exercised by the fixture, so a new action cannot go untested.
        #expect(Set(expected.map(\.name)) == Set(ScenarioAction.Name.allCases))
    }

    @Test func protocolStepsParse() throws {
        let doc = try load("protocol-steps")
        let kinds = doc.steps.map(\.kind.ignoringLocations)
        #expect(kinds[0] == .rapi(RAPIStep(line: "$GV")))
        #expect(
            kinds[1]
                == .rapi(
                    RAPIStep(
                        line: "$SC 16 V", expect: [LinePattern("$OK*")],
                        expectAsync: [LinePattern("$AT 02 02 16 *"), LinePattern("$AB *")])))
        #expect(doc.steps[1].timing == .fromStart(.seconds(5)))
        #expect(kinds[2] == .mqttPublish(MQTTPublish(topic: "cmd/set_limit_amps", payload: "16")))
        #expect(
            kinds[3]
                == .mqttPublish(
                    MQTTPublish(
                        topic: "cmd/enable_disable", payload: #"{"source":"LocalAPI","state":"Enable","priority":100}"#)
                ))
        #expect(kinds[4] == .mqttPublish(MQTTPublish(topic: "cmd/pause_charging", payload: "")))
        #expect(kinds[5] == .expectMQTT(MQTTExpectation(topic: "everest_api/+/var/limits", within: .seconds(2))))
        #expect(
            kinds[6]
                == .expectMQTT(
                    MQTTExpectation(
                        topic: "everest_api/#",
                        json: JSONSubsetPattern(["max_current_A": ["value": 16, "tolerance": 0.1], "phases": [1, 2]]))))
        #expect(doc.steps[7].label == "ranges")
        #expect(
            kinds[7]
                == .expectState([
                    StateExpectation(key: "meter.power", expected: .range(min: 7000, max: nil)),
                    StateExpectation(key: "vehicle.soc", expected: .range(min: 0.1, max: 0.9)),
                    StateExpectation(key: "vehicle.connected", expected: .equals(.bool(true))),
                    StateExpectation(key: "everest.phase", expected: .equals(.string("charging"))),
                    StateExpectation(key: "offered.amps", expected: .equals(.number(16))),
                ]))
        let wait = try #require(
            {
                if case .wait(let w) = kinds[8] { w } else { nil }
            }())
        #expect(
            wait.condition
                == .or(
                    .not(.compare(key: "everest.phase", .equal, .string("charging"))),
                    .and(
                        .compare(key: "meter.energy", .greaterOrEqual, .number(1500)),
                        .compare(key: "session.elapsed", .greater, .number(600)))))
        #expect(wait.timeout == .hours(1))
    }

    @Test func stateExpectationsKeepTheirPathsAndLocations() throws {
        let doc = try load("protocol-steps")
        guard case .expectState(let expectations) = doc.steps[7].kind else {
            Issue.record("step 7 is not an expect step")
            return
        }
        #expect(expectations[1].path.description == #"$.steps[7].expect["vehicle.soc"]"#)
        #expect(expectations[1].location?.line == 14)
    }

    @Test func overridesKeepScenarioLocationsThroughTheMerge() throws {
        let doc = try load("uk-random-delay")
        let profile: JSONValue = try JSONValue(
            parsing: #"{"maxCurrent": 32, "ukRandomDelay": {"enabled": false, "maxDuration": "30m", "mode": "any"}}"#,
            file: "Profiles/stations/openevse-8.2.3-uk.json")
        let merged = doc.station.applied(to: profile)
        #expect(merged == ["maxCurrent": 32, "ukRandomDelay": ["enabled": true, "maxDuration": "10m", "mode": "any"]])
        let enabled = try #require(merged["ukRandomDelay"]?["enabled"])
        #expect(enabled.location == SourceLocation(file: "valid/uk-random-delay.json", line: 7, column: 78))
        let mode = try #require(merged["ukRandomDelay"]?["mode"])
        #expect(mode.location?.file == "Profiles/stations/openevse-8.2.3-uk.json")
    }
}

extension ScenarioStep.Kind {
    /// Step payloads compare paths and locations too; the typed-content tests build them
    /// without, so strip them before comparing.
    var ignoringLocations: ScenarioStep.Kind {
        guard case .expectState(let list) = self else { return self }
        return .expectState(list.map { StateExpectation(key: $0.key, expected: $0.expected) })
    }
}

extension ScenarioAction {
    var name: ScenarioAction.Name {
        switch self {
        case .station(let action): action.name
        case .serialFault: .serialFault
        }
    }
}

extension StationAction {
    var name: ScenarioAction.Name {
        switch self {
        case .plug: .plug
        case .unplug: .unplug
        case .evPause: .evPause
        case .evResume: .evResume
        case .setSoc: .setSoc
        case .setTargetSoc: .setTargetSoc
        case .ventilation: .ventilation
        case .setAmbient: .setAmbient
        case .injectFault: .fault
        case .clearFault: .clearFault
        case .powerCut: .powerCut
        case .powerRestore: .powerRestore
        case .evOverdraw: .evOverdraw
        case .setCurrent: .setCurrent
        case .enable: .enable
        case .disable: .disable
        case .sleep: .sleep
        case .heartbeat: .heartbeat
        case .heartbeatPulse: .heartbeatPulse
        case .setLimit: .setLimit
        case .enableDisable: .enableDisable
        case .pauseCharging: .pauseCharging
        case .resumeCharging: .resumeCharging
        case .stopCharging: .stopCharging
        case .authorize: .authorize
        case .reserve: .reserve
        case .cancelReservation: .cancelReservation
        case .ukRandomDelay: .ukRandomDelay
        case .ukRandomDelayMax: .ukRandomDelayMax
        case .ocppStatus: .ocppStatus
        case .systemFault: .systemFault
        }
    }
}
