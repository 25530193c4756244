import Foundation
import Testing

/// What `run`, `validate` and `list` print for a person, and what `--trace -` leaves on
/// standard output for a program.
@Suite struct OutputTests {
    typealias CLI = CommandLineTests

    @Test func traceToStandardOutputIsOnlyJSONLines() throws {
        let r = try CLI.run(["run", "Scenarios/full-session-to-target-soc.json", "--trace", "-"])
        #expect(r.status == 0, "\(r.err)")
        let lines = r.out.split(separator: "\n")
        #expect(lines.count > 10)
        for line in lines {
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8))
            #expect(object is [String: Any], "not a JSON object: \(line)")
        }
        #expect(r.err.contains("✔ reaches the 80 % target"))
        #expect(r.err.hasSuffix("1 scenario: 1 passed, 0 failed (17 of 17 verdicts passed)\n"))
    }

    @Test func verdictLinesUseHumanPrecisionAndTheTraceKeepsExactValues() throws {
        let scratch = try Scratch()
        let trace = scratch.path("t.jsonl")
        let r = try CLI.run(["run", "Scenarios/full-session-to-target-soc.json", "--trace", trace])
        #expect(r.status == 0)
        #expect(r.out.contains("✔ reaches the 80 % target — met after 2h57m35.016s [t+2h58m47.616s]"))
        #expect(r.out.contains("found 30.8333 [t+1m12.6s]"))
        #expect(r.out.contains("simulated 3h9m49.691s in"))
        let exact = try String(contentsOfFile: trace, encoding: .utf8)
        #expect(exact.contains("met after 2h57m35.016221532s"))
    }

    @Test func aThreePhaseVehicleOnAOnePhaseStationIsWarnedAbout() throws {
        let scratch = try Scratch()
        let file = try scratch.write(
            "3on1.json", Scratch.scenario(vehicle: #"{ "profile": "midsize-60kwh-3ph-11kw" }"#))
        let r = try CLI.run(["run", file])
        #expect(r.status == 0, "\(r.out)\(r.err)")
        #expect(
            r.out.contains(
                "⚠ the vehicle midsize-60kwh-3ph-11kw charges on 3 phases but the station openevse-8.2.3-us supplies 1: it draws on 1 phase only"
            ))
        let same = try scratch.write("1on1.json", Scratch.scenario(vehicle: #"{ "profile": "compact-40kwh-1ph" }"#))
        #expect(try !CLI.run(["run", same]).out.contains("⚠"))
    }

    /// A background scenario's message to a topic that is no command of the EVSE is logged, as a
    /// malformed payload is, not only traced.
    @Test func serveLogsAMessageOnANonCommandTopic() throws {
        let scratch = try Scratch()
        let file = try scratch.write(
            "stray.json",
            Scratch.scenario(
                steps: #"[ { "mqtt": { "topic": "everest_api/evse_manager/cmd/unknown_command", "payload": "1" } } ]"#))
        let r = try CLI.run(["serve", "--no-pty", "--scenario", file, "--duration", "1s", "--speed", "x10"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.err.contains("mqtt command rejected"), "\(r.err)")
        #expect(
            r.err.contains("ignored: everest_api/evse_manager/cmd/unknown_command is not a command topic of this EVSE"))
        #expect(r.out.contains("MQTT commands rejected: 1"))
    }

    @Test func listShowsEachStationsSupply() throws {
        let r = try CLI.run(["list"])
        #expect(r.status == 0)
        let lines = r.out.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("  everest-yeti-3ph") && $0.contains("3ph 32/32 A 230 V") })
        #expect(lines.contains { $0.hasPrefix("  openevse-8.2.3-us") && $0.contains("1ph 32/80 A 240 V") })
        #expect(lines.contains { $0.hasPrefix("  midsize-60kwh-3ph-11kw") && $0.contains("3ph 16 A 60 kWh") })
    }

    @Test func validateReadsFleetFiles() throws {
        let r = try CLI.run(["validate", "Profiles/fleets/"])
        #expect(r.status == 0, "\(r.out)\(r.err)")
        #expect(
            r.out.contains(
                "ok    Profiles/fleets/three-bays.json: Three bays with a scripted arrival each (fleet of 3 stations)"))
        let scratch = try Scratch()
        let bad = try scratch.write(
            "fleet.json",
            #"{ "schema": "evsesim/fleet@1", "seed": 1, "stations": [ { "station": { "profile": "openevse-8.2.3-us", "phase": 3 } } ] }"#
        )
        let b = try CLI.run(["validate", bad])
        #expect(b.status == 2)
        #expect(
            b.out.contains(
                #"$.stations[0].station.phase: expected a profile field, found "phase"; did you mean "phases"?"#),
            "\(b.out)")
    }

    /// The valid fixtures of the scenario tests are scenarios a user could run.
    @Test(arguments: ["all-actions", "minimal", "protocol-steps", "uk-random-delay"])
    func validFixturesValidate(name: String) throws {
        let r = try CLI.run(["validate", "Tests/ScenarioTests/Fixtures/valid/\(name).json"])
        #expect(r.status == 0, "\(r.out)")
    }

    @Test func everyValidFixtureIsCovered() throws {
        let names = try FileManager.default.contentsOfDirectory(
            atPath: CLI.root.appendingPathComponent("Tests/ScenarioTests/Fixtures/valid").path
        ).filter { $0.hasSuffix(".json") }.sorted()
        #expect(names == ["all-actions.json", "minimal.json", "protocol-steps.json", "uk-random-delay.json"])
    }

    @Test func everyProblemIsReportedOnceOnOneLine() throws {
        let scratch = try Scratch()
        let file = try scratch.write(
            "two.json",
            Scratch.scenario(
                station: #"{ "profile": "openevse-8.2.3-us", "hardwareMaxAmp": 40 }"#,
                steps: #"[ { "do": "plgu" }, { "mqtt": { "topic": "set_limit_amps", "payload": "line\none" } } ]"#))
        let r = try CLI.run(["validate", file])
        #expect(r.status == 2)
        #expect(r.out.contains("error \(file): 3 problems"), "\(r.out)")
        #expect(r.out.contains(#"$.station.hardwareMaxAmp: expected a profile field"#))
        #expect(r.out.contains(#"$.steps[0].do: expected an action"#))
        #expect(
            r.out.contains(
                #"$.steps[1].mqtt.topic: expected an EVerest command topic (cmd/<name>), found "set_limit_amps"; did you mean "cmd/set_limit_amps"?; valid choices: cmd/enable_disable"#
            ))
    }
}
