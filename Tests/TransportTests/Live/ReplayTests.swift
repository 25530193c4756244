import Foundation
import Glibc
import JSON
import Scenario
import SimCore
import Testing
import Wire

@testable import Live
@testable import Transport

extension LiveServeTests {
    /// `evsesim replay` on sessions recorded in this process: the fleet is driven by hand as the
    /// live loop drives it (no pty, no broker), so the recording itself is deterministic.
    @Suite("Replay of a recorded session")
    struct ReplayTests {
        static let scenario = LiveSetup.plugScenario(at: "2s")

        /// Records a session with a background scenario, RAPI bytes (a line split over two
        /// reads) and MQTT commands; returns the trace's path.
        static func record() throws -> String {
            var configuration = try LiveSetup.configuration(scenario: scenario, ptyPath: nil)
            let library = try LiveSetup.library()
            let document = try #require(configuration.scenario)
            var recipe = SessionRecipe(
                station: try #require(library.resolvedStationJSON(document.station)),
                vehicle: try #require(library.resolvedVehicleJSON(document.vehicle)))
            recipe.scenarioFile = "inline.json"
            recipe.scenario = scenario
            configuration.recipe = recipe
            let path = LiveSetup.temporaryPath("recorded.jsonl")
            configuration.tracePath = path
            let fleet = try LiveFleet(configuration: configuration, logger: quietLogger)
            try fleet.start()
            let station = fleet.stations[0]
            func rapi(_ text: String, at t: SimInstant) {
                fleet.run(until: t)
                station.catchUp(to: fleet.now)
                station.receive(rapiBytes: Array(text.utf8))
            }
            func mqtt(_ topic: String, _ payload: String, at t: SimInstant) {
                fleet.run(until: t)
                fleet.route(MQTTMessage(topic: topic, payload: Array(payload.utf8)))
            }
            rapi("$GS^30\r$G", at: .at(1))
            rapi("G^24\r", at: .zero + .milliseconds(1_250))
            mqtt("everest_api/evse_manager/cmd/set_limit_amps", "10", at: .zero + .milliseconds(12_345))
            rapi("$GG^24\r", at: .at(20))
            mqtt("everest_api/evse_manager/cmd/pause_charging", "", at: .at(25))
            mqtt(
                "everest_api/1/system/system/e2m/get_boot_reason", #"{"headers":{"replyTo":"r/1"},"payload":null}"#,
                at: .at(26))
            fleet.run(until: .at(40))
            fleet.stop()
            return path
        }

        @Test("a recorded session replays identically: every record, inputs fed at their instants")
        func identical() throws {
            let path = try Self.record()
            defer { unlink(path) }
            let recorded = try RecordedTrace(bytes: TextFile.read(path), file: path)
            #expect(recorded.records.contains { $0.kind == "input.mqtt" })
            #expect(recorded.header["live"]?["scenarioFile"]?.stringValue == "inline.json")
            let output = LiveSetup.temporaryPath("replayed.jsonl")
            defer { unlink(output) }
            let outcome = try LiveReplay.run(
                trace: recorded, library: LiveSetup.library(), output: output, logger: quietLogger)
            #expect(outcome.comparison.divergence == nil, "\(outcome.comparison.divergence.map { "\($0)" } ?? "")")
            #expect(outcome.inputs == 6)
            #expect(outcome.comparison.matched > 50, "matched \(outcome.comparison.matched)")
        }

        @Test("a hand-edited reply is reported as the first divergence, at its line")
        func editedReply() throws {
            let path = try Self.record()
            defer { unlink(path) }
            var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
            let index = try #require(
                lines.firstIndex { $0.contains("\"kind\":\"rapi.out\"") && $0.contains("\"type\":\"reply\"") })
            lines[index] = lines[index].replacingOccurrences(of: "$OK", with: "$NK")
            let edited = Array((lines.joined(separator: "\n") + "\n").utf8)
            let recorded = try RecordedTrace(bytes: edited, file: "edited.jsonl")
            let output = LiveSetup.temporaryPath("replayed.jsonl")
            defer { unlink(output) }
            let outcome = try LiveReplay.run(
                trace: recorded, library: LiveSetup.library(), output: output, logger: quietLogger)
            let divergence = try #require(outcome.comparison.divergence)
            #expect(divergence.line == index + 1)
            #expect(divergence.kind == "rapi.out")
            #expect(divergence.expected?.contains("$NK") == true)
            #expect(divergence.found?.contains("$OK") == true)
        }

        @Test("the recorded session, background scenario included, converts to a scenario that passes")
        func converts() throws {
            let path = try Self.record()
            defer { unlink(path) }
            let recorded = try RecordedTrace(bytes: TextFile.read(path), file: path)
            let export = try ScenarioExport(
                trace: recorded, recipe: SessionRecipe(header: recorded.header, file: recorded.file))
            #expect(export.backgroundSteps == 1, "the plug")
            #expect(export.rapiSteps == 3)
            #expect(export.mqttSteps == 3)
            let prepared = try PreparedScenario(
                bytes: Array(export.text.utf8), file: "regression.json", library: LiveSetup.library())
            var runner = prepared.runner()
            let result = runner.run()
            let failed = result.verdicts.filter { !$0.passed }.map { "\($0.label): \($0.detail)" }
            #expect(failed.isEmpty, "\(failed)\n\(export.text)")
            #expect(result.verdicts.count >= 3)
        }
    }
}
