import JSON
import Testing

@testable import Scenario

/// Every file in Fixtures/broken must be rejected with exactly the message listed here: the
/// file, line:column, JSON path, what was expected and what was found.
@Suite struct BrokenFixtureTests {
    static let expectations: [(file: String, message: String)] = [
        (
            "bad-duration",
            #"broken/bad-duration.json:7:45: $.steps[1].timeout: expected a duration longer than zero like "10s", found "10 sec""#
        ),
        (
            "bad-escape",
            #"broken/bad-escape.json:6:39: $.steps[0].label: expected an escape: \" \\ \/ \b \f \n \r \t or \uXXXX, found '\x'"#
        ),
        (
            "bad-start",
            #"broken/bad-start.json:4:12: $.start: expected an RFC 3339 time like "2026-03-01T18:00:00Z", found "2026-03-01 18:00""#
        ),
        ("comment", #"broken/comment.json:6:5: $.steps[0]: expected a value or ']', found '/' (JSON has no comments)"#),
        (
            "condition-escaped",
            #"broken/condition-escaped.json:6:16: $.steps[0].never: expected '==' to compare, found '=' alone at column 35 of the condition"#
        ),
        (
            "condition-ordering-on-state",
            #"broken/condition-ordering-on-state.json:6:28: $.steps[0].never: expected == or != (evse.state is a state name), found '>' at column 12 of the condition"#
        ),
        (
            "condition-single-equals",
            #"broken/condition-single-equals.json:7:27: $.steps[1].wait: expected '==' to compare, found '=' alone at column 12 of the condition"#
        ),
        (
            "condition-unclosed-parenthesis",
            #"broken/condition-unclosed-parenthesis.json:6:53: $.steps[0].always: expected ')' to close the '(' at column 1, found the end of the condition (column 36)"#
        ),
        (
            "condition-unknown-key",
            #"broken/condition-unknown-key.json:7:16: $.steps[1].wait: expected a known key, found 'evse.stat' at column 1 of the condition; did you mean "evse.state"?; valid choices: evse.faultCount, evse.firmware, evse.offered, evse.state, meter.current, meter.energy, meter.power, meter.voltage, relay, session.duration, session.state, station.temperature, vehicle.connected, vehicle.soc"#
        ),
        (
            "condition-unknown-state",
            #"broken/condition-unknown-state.json:7:30: $.steps[1].wait: expected a state of evse.state, found 'X' at column 15 of the condition; valid choices: A, B, C, D, E, F"#
        ),
        (
            "condition-wrong-unit",
            #"broken/condition-wrong-unit.json:6:31: $.steps[0].never: expected a number for meter.power (in W or kW, or without a unit), found '16A' (amperes) at column 15 of the condition"#
        ),
        (
            "deep-nesting",
            #"broken/deep-nesting.json:4:115: $.station.x[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]: expected at most 64 levels of nested arrays and objects, found level 65"#
        ),
        (
            "duplicate-key",
            #"broken/duplicate-key.json:5:3: $: expected each key only once in an object, found "name" again (first at 3:3)"#
        ),
        (
            "duration-as-number",
            #"broken/duration-as-number.json:7:45: $.steps[1].timeout: expected a duration longer than zero like "10s", found 10 (number)"#
        ),
        ("empty-file", #"broken/empty-file.json:1:1: $: expected a JSON value, found end of input"#),
        ("empty-label", #"broken/empty-label.json:6:30: $.steps[0].label: expected a non-empty label, found """#),
        (
            "expect-range-inverted",
            #"broken/expect-range-inverted.json:6:56: $.steps[0].expect["meter.power"].max: expected a maximum ≥ the minimum 7400, found 7000 (number)"#
        ),
        (
            "expect-unknown-key",
            #"broken/expect-unknown-key.json:6:38: $.steps[0].expect["vehicle.sco"]: expected a known key, found "vehicle.sco"; did you mean "vehicle.soc"?; valid choices: evse.faultCount, evse.firmware, evse.offered, evse.state, meter.current, meter.energy, meter.power, meter.voltage, relay, session.duration, session.state, station.temperature, vehicle.connected, vehicle.soc"#
        ),
        (
            "expect-wrong-type",
            #"broken/expect-wrong-type.json:6:40: $.steps[0].expect["vehicle.connected"]: expected true or false for vehicle.connected, found "yes""#
        ),
        (
            "fractional-current",
            #"broken/fractional-current.json:6:35: $.steps[0].amps: expected a whole number of amperes ≥ 0, found 12.5 (number)"#
        ),
        ("invalid-utf8", #"broken/invalid-utf8.json:6:34: $: expected UTF-8 text, found the byte 0xE9"#),
        (
            "leading-zero",
            #"broken/leading-zero.json:4:11: $.seed: expected a number without leading zeros, found '07'"#
        ),
        (
            "limit-amps-and-watts",
            #"broken/limit-amps-and-watts.json:6:46: $.steps[0].watts: expected either "amps" or "watts" in a setLimit action, found both"#
        ),
        (
            "limit-two-phases",
            #"broken/limit-two-phases.json:6:47: $.steps[0].phases: expected 1 or 3 phases, found 2 (number)"#
        ),
        (
            "lone-surrogate",
            #"broken/lone-surrogate.json:6:37: $.steps[0].label: expected a low surrogate \uDC00…\uDFFF after \uD83D, found '!'"#
        ),
        (
            "many-issues",
            #"""
            broken/many-issues.json:3:11: $.name: expected a non-empty name, found ""
            broken/many-issues.json:4:3: $.speed: expected a key of a scenario, found "speed"; did you mean "seed"?; valid choices: schema, name, description, seed, start, station, vehicle, steps, until
            broken/many-issues.json:7:30: $.steps[0].soc: expected a number from 0 to 1, found 1.5 (number)
            broken/many-issues.json:8:31: $.steps[1].wait: expected a ratio from 0 to 1 or a percentage like 80% for vehicle.soc, found '80' at column 16 of the condition
            broken/many-issues.json:9:45: $.steps[2].timeout: expected a duration longer than zero like "10s", found "-1s"
            broken/many-issues.json:11:12: $.until: expected an end time like "3h" (from the start) or "+30m" (after the last step), found "+30"
            """#
        ),
        (
            "missing-comma",
            #"broken/missing-comma.json:4:3: $: expected ',' or '}' after object member, found "station""#
        ),
        (
            "missing-timeout",
            #"broken/missing-timeout.json:7:5: $.steps[1].timeout: expected the required key "timeout", found a wait step without it"#
        ),
        (
            "missing-until",
            #"broken/missing-until.json:1:1: $.until: expected the required key "until", found a scenario without it"#
        ),
        (
            "misspelt-parameter",
            #"""
            broken/misspelt-parameter.json:7:5: $.steps[1].soc: expected the required key "soc", found a "setSoc" action without it
            broken/misspelt-parameter.json:7:36: $.steps[1].sco: expected a key of a "setSoc" action, found "sco"; did you mean "soc"?; valid choices: do, soc, at, label
            """#
        ),
        (
            "misspelt-step-kind",
            #"broken/misspelt-step-kind.json:6:19: $.steps[0].doo: expected a step with one of the keys "do", "wait", "expect", "never", "always", "rapi", "mqtt", "system", found "doo"; did you mean "do"?"#
        ),
        (
            "negative-overdraw",
            #"broken/negative-overdraw.json:6:35: $.steps[0].amps: expected a number ≥ 0, found -1 (number)"#
        ),
        (
            "negative-seed",
            #"broken/negative-seed.json:4:11: $.seed: expected a whole number from 0 to 18446744073709551615, found -1 (number)"#
        ),
        (
            "negative-tolerance",
            #"broken/negative-tolerance.json:7:84: $.steps[0].expect.mqtt.json.max_current_A.tolerance: expected a number ≥ 0, found -1 (number)"#
        ),
        (
            "priority-out-of-range",
            #"broken/priority-out-of-range.json:6:80: $.steps[0].priority: expected a whole number from 0 to 10000, found 20000 (number)"#
        ),
        (
            "publish-to-wildcard",
            #"broken/publish-to-wildcard.json:6:26: $.steps[0].mqtt.topic: expected an MQTT topic without wildcards (+, #), found "everest_api/+/cmd/enable""#
        ),
        (
            "rapi-empty-expect-async",
            #"broken/rapi-empty-expect-async.json:6:37: $.steps[0].expectAsync: expected an async line such as "$AT *" or a list of lines, found an empty array"#
        ),
        (
            "relative-negative-at",
            #"broken/relative-negative-at.json:6:13: $.steps[0].at: expected a time like "10s" (from the start) or "+5m" (after the previous step), found "+-5m""#
        ),
        (
            "relative-times-go-backwards",
            #"broken/relative-times-go-backwards.json:8:13: $.steps[2].at: expected a time at or after 1h10m (when the previous step runs at the earliest), found "1h""#
        ),
        (
            "single-quotes",
            #"broken/single-quotes.json:6:7: $.steps[0]: expected a string key or '}', found ''' (JSON strings use double quotes)"#
        ),
        (
            "soc-out-of-range",
            #"broken/soc-out-of-range.json:6:30: $.steps[0].soc: expected a number from 0 to 1, found 1.5 (number)"#
        ),
        (
            "source-wrong-case",
            #"broken/source-wrong-case.json:6:40: $.steps[0].source: expected an EVerest enable/disable source (case-sensitive), found "localapi"; did you mean "LocalAPI"?; valid choices: Unspecified, LocalAPI, LocalKeyLock, ServiceTechnician, RemoteKeyLock, MobileApp, FirmwareUpdate, CSMS"#
        ),
        (
            "step-not-an-object",
            #"broken/step-not-an-object.json:6:5: $.steps[0]: expected a step (an object such as {"do": "plug"}), found "plug""#
        ),
        (
            "time-goes-backwards",
            #"broken/time-goes-backwards.json:7:13: $.steps[1].at: expected a time at or after 1h (when the previous step runs at the earliest), found "30m""#
        ),
        (
            "top-level-array",
            #"broken/top-level-array.json:1:1: $: expected an object (a scenario), found an empty array"#
        ),
        (
            "trailing-comma-array",
            #"broken/trailing-comma-array.json:8:3: $.steps: expected a value after ',', found ']' (JSON allows no trailing comma)"#
        ),
        (
            "trailing-comma-object",
            #"broken/trailing-comma-object.json:9:1: $: expected a string key after ',', found '}' (JSON allows no trailing comma)"#
        ),
        (
            "two-step-kinds",
            #"broken/two-step-kinds.json:6:21: $.steps[0].wait: expected one of "do", "wait", "expect", "never", "always", "rapi", "mqtt", "system" per step, found "do" and "wait" in the same step"#
        ),
        (
            "unknown-action",
            #"broken/unknown-action.json:6:13: $.steps[0].do: expected an action, found "plugg"; did you mean "plug"?; valid choices: plug, unplug, evPause, evResume, setSoc, setTargetSoc, ventilation, setAmbient, fault, clearFault, powerCut, powerRestore, evOverdraw, setCurrent, enable, disable, sleep, heartbeat, heartbeatPulse, setLimit, enableDisable, pauseCharging, resumeCharging, stopCharging, authorize, reserve, cancelReservation, ukRandomDelay, ukRandomDelayMax, ocppStatus, serialFault, systemFault"#
        ),
        (
            "unknown-setting-mode",
            #"broken/unknown-setting-mode.json:6:47: $.steps[0].mode: expected a setting mode, found "hardwareMax"; valid choices: persistent, volatile"#
        ),
        (
            "unknown-fault",
            #"broken/unknown-fault.json:6:31: $.steps[0].fault: expected a fault, found "gfii"; did you mean "gfi"?; valid choices: gfi, gfiSelfTest, groundLoss, stuckRelay, diode, stateE, overTemperature, overCurrent, powerLoss"#
        ),
        (
            "unknown-station-profile",
            #"broken/unknown-station-profile.json:4:27: $.station.profile: expected a station profile, found "openevse-8.2.3-ukk"; did you mean "openevse-8.2.3-uk"?; valid choices: openevse-8.2.3-uk, openevse-8.2.3-eu, openevse-d9-9.4.0, everest-2026"#
        ),
        (
            "unknown-top-key",
            #"broken/unknown-top-key.json:4:3: $.sed: expected a key of a scenario, found "sed"; did you mean "seed"?; valid choices: schema, name, description, seed, start, station, vehicle, steps, until"#
        ),
        (
            "unknown-vehicle-profile",
            #"broken/unknown-vehicle-profile.json:5:27: $.vehicle.profile: expected a vehicle profile, found "tesla"; valid choices: compact-40kwh-1ph, suv-90kwh-3ph"#
        ),
        (
            "unquoted-key",
            #"broken/unquoted-key.json:6:7: $.steps[0]: expected a string key or '}', found 'do' (keys need double quotes)"#
        ),
        (
            "unterminated-string",
            #"broken/unterminated-string.json:6:20: $.steps[0].do: expected '"' to close the string that starts at 6:13, found end of line"#
        ),
        (
            "until-before-last-step",
            #"broken/until-before-last-step.json:8:12: $.until: expected an end at or after 2h (when the last step runs at the earliest), found "1h""#
        ),
        (
            "wrong-schema",
            #"broken/wrong-schema.json:2:13: $.schema: expected the schema tag "evsesim/scenario@1", found "evsesim/scenario@2""#
        ),
        (
            "expect-mqtt-mixed-with-state",
            #"broken/expect-mqtt-mixed-with-state.json:6:79: $.steps[0].expect["evse.state"]: expected only the key "mqtt" here (state checks go in an expect step of their own), found "evse.state""#
        ),
        (
            "expect-bad-topic-filter",
            #"broken/expect-bad-topic-filter.json:6:38: $.steps[0].expect.mqtt.topic: expected an MQTT topic filter ('+' stands for a whole level, '#' only for the whole last level), found "everest_api/#/var""#
        ),
        (
            "expect-empty",
            #"broken/expect-empty.json:6:17: $.steps[0].expect: expected an object of keys and expected values, or {"mqtt": {…}}, found an empty object"#
        ),
        (
            "limit-neither",
            #"broken/limit-neither.json:6:5: $.steps[0]: expected a limit: "amps" or "watts", found a setLimit action with neither"#
        ),
        (
            "heartbeat-missing-current",
            #"broken/heartbeat-missing-current.json:6:5: $.steps[0].current: expected the required key "current", found a "heartbeat" action without it"#
        ),
        (
            "ventilation-not-bool",
            #"broken/ventilation-not-bool.json:6:34: $.steps[0].on: expected true or false, found "yes""#
        ),
        (
            "expect-soc-as-percent",
            #"broken/expect-soc-as-percent.json:6:34: $.steps[0].expect["vehicle.soc"]: expected a ratio from 0 to 1 for vehicle.soc, found 80 (number)"#
        ),
        (
            "phases-without-amps",
            #"broken/phases-without-amps.json:6:35: $.steps[0].phases: expected "phases" only together with "amps", found 3 (number)"#
        ),
        (
            "bad-at-and-bad-parameter",
            #"""
            broken/bad-at-and-bad-parameter.json:6:13: $.steps[0].at: expected a time like "10s" (from the start) or "+5m" (after the previous step), found "soon"
            broken/bad-at-and-bad-parameter.json:6:44: $.steps[0].soc: expected a number from 0 to 1, found 2 (number)
            """#
        ),
        (
            "publish-without-cmd",
            #"broken/publish-without-cmd.json:6:26: $.steps[0].mqtt.topic: expected an EVerest command topic (cmd/<name>), found "set_limit_amps"; did you mean "cmd/set_limit_amps"?; valid choices: cmd/enable_disable, cmd/enable, cmd/disable, cmd/pause_charging, cmd/resume_charging, cmd/stop_charging, cmd/force_unlock, cmd/set_limit_amps, cmd/set_limit_watts, cmd/set_limit_amps_phases, cmd/uk_random_delay, cmd/uk_random_delay_set_max_duration_s"#
        ),
        (
            "publish-misspelt-command",
            #"broken/publish-misspelt-command.json:6:26: $.steps[0].mqtt.topic: expected an EVerest command topic (cmd/<name>), found "cmd/set_limit_amp"; did you mean "cmd/set_limit_amps"?; valid choices: cmd/enable_disable, cmd/enable, cmd/disable, cmd/pause_charging, cmd/resume_charging, cmd/stop_charging, cmd/force_unlock, cmd/set_limit_amps, cmd/set_limit_watts, cmd/set_limit_amps_phases, cmd/uk_random_delay, cmd/uk_random_delay_set_max_duration_s"#
        ),
        (
            "publish-misspelt-full-topic",
            #"broken/publish-misspelt-full-topic.json:6:26: $.steps[0].mqtt.topic: expected an EVerest command topic (cmd/<name>), found "everest_api/evse_manager/cmd/set_limit_amp"; did you mean "everest_api/evse_manager/cmd/set_limit_amps"?; valid choices: everest_api/evse_manager/cmd/enable_disable, everest_api/evse_manager/cmd/enable, everest_api/evse_manager/cmd/disable, everest_api/evse_manager/cmd/pause_charging, everest_api/evse_manager/cmd/resume_charging, everest_api/evse_manager/cmd/stop_charging, everest_api/evse_manager/cmd/force_unlock, everest_api/evse_manager/cmd/set_limit_amps, everest_api/evse_manager/cmd/set_limit_watts, everest_api/evse_manager/cmd/set_limit_amps_phases, everest_api/evse_manager/cmd/uk_random_delay, everest_api/evse_manager/cmd/uk_random_delay_set_max_duration_s"#
        ),
        (
            "expect-unit-of-another-quantity",
            #"broken/expect-unit-of-another-quantity.json:6:44: $.steps[0].expect["meter.power"].min: expected a number for meter.power (in W or kW, or without a unit), found '16A' (amperes)"#
        ),
        (
            "expect-misspelt-unit",
            #"broken/expect-misspelt-unit.json:6:36: $.steps[0].expect["meter.energy"]: expected a number for meter.energy (in Wh or kWh, or without a unit), found '10kwh'; did you mean "10kWh"?"#
        ),
        (
            "until-beyond-span",
            #"broken/until-beyond-span.json:8:12: $.until: expected an end within 744h of the start (raise the limit with --max-span), found "36500d""#
        ),
    ]

    @Test(arguments: expectations)
    func rejectsWithExactMessage(file: String, message: String) throws {
        let result = try Fixtures.load("broken/\(file).json")
        guard case .failure(let error) = result else {
            Issue.record("broken/\(file).json was accepted")
            return
        }
        #expect(error.description == message)
        #expect(error.issues.allSatisfy { $0.file == "broken/\(file).json" })
    }

    @Test func everyBrokenFixtureHasAnExpectation() throws {
        let onDisk = Set(try Fixtures.names(in: "broken").map { String($0.dropLast(".json".count)) })
        let listed = Set(Self.expectations.map(\.file))
        #expect(onDisk == listed)
        #expect(onDisk.count >= 30)
    }

    @Test func issuesCarryStructuredFields() throws {
        guard case .failure(let error) = try Fixtures.load("broken/unknown-action.json") else {
            Issue.record("accepted")
            return
        }
        let issue = try #require(error.issues.first)
        #expect(issue.path == JSONPath([.key("steps"), .index(0), .key("do")]))
        #expect(issue.line == 6)
        #expect(issue.column == 13)
        #expect(issue.expected == "an action")
        #expect(issue.found == #""plugg""#)
        #expect(issue.suggestion == "plug")
        #expect(issue.choices == ScenarioAction.Name.allCases.map(\.rawValue))
    }

    @Test func issuesAreInDocumentOrder() throws {
        guard case .failure(let error) = try Fixtures.load("broken/many-issues.json") else {
            Issue.record("accepted")
            return
        }
        let positions = error.issues.map { [$0.line, $0.column] }
        #expect(positions == positions.sorted { ($0[0], $0[1]) < ($1[0], $1[1]) })
        #expect(error.issues.count == 6)
    }
}
