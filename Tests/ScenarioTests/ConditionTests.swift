import EVSEModel
import Testing

@testable import Scenario

@Suite struct ConditionTests {
    let keys = TestCatalog.keys

    func parse(_ text: String) throws(ConditionError) -> Condition {
        try Condition(parsing: text, keys: keys)
    }

    func error(_ text: String) -> ConditionError? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        ("vehicle.soc >= 80%", Condition.compare(key: "vehicle.soc", .greaterOrEqual, .number(0.8))),
        ("meter.power > 7kW", .compare(key: "meter.power", .greater, .number(7000))),
        ("meter.power > 7.4kW", .compare(key: "meter.power", .greater, .number(7400))),
        ("meter.energy<=1.5kWh", .compare(key: "meter.energy", .lessOrEqual, .number(1500))),
        ("meter.energy != 20Wh", .compare(key: "meter.energy", .notEqual, .number(20))),
        ("meter.current < 16A", .compare(key: "meter.current", .less, .number(16))),
        ("meter.voltage == 230V", .compare(key: "meter.voltage", .equal, .number(230))),
        ("station.temperature >= 45C", .compare(key: "station.temperature", .greaterOrEqual, .number(45))),
        ("session.duration > 30s", .compare(key: "session.duration", .greater, .number(30))),
        ("evse.faultCount == -1", .compare(key: "evse.faultCount", .equal, .number(-1))),
        ("evse.state == C", .compare(key: "evse.state", .equal, .string("C"))),
        ("relay != 'closed'", .compare(key: "relay", .notEqual, .string("closed"))),
        ("vehicle.connected == true", .compare(key: "vehicle.connected", .equal, .bool(true))),
        (#"evse.firmware == "8.2.3 eu""#, .compare(key: "evse.firmware", .equal, .string("8.2.3 eu"))),
        ("evse.firmware == v8", .compare(key: "evse.firmware", .equal, .string("v8"))),
    ])
    func parsesComparisonsWithUnits(text: String, expected: Condition) throws {
        #expect(try parse(text) == expected)
    }

    @Test func precedenceIsNotThenAndThenOr() throws {
        let a = Condition.compare(key: "evse.state", .equal, .string("A"))
        let b = Condition.compare(key: "evse.state", .equal, .string("B"))
        let c = Condition.compare(key: "relay", .equal, .string("open"))
        #expect(try parse("evse.state == A || evse.state == B && relay == open") == .or(a, .and(b, c)))
        #expect(try parse("(evse.state == A || evse.state == B) && relay == open") == .and(.or(a, b), c))
        #expect(try parse("!evse.state == A && relay == open") == .and(.not(a), c))
        #expect(try parse("!(evse.state == A && relay == open)") == .not(.and(a, c)))
        #expect(try parse("evse.state == A || evse.state == B || relay == open") == .or(.or(a, b), c))
    }

    @Test(arguments: [
        ("evse.state == A || evse.state == B && relay == open", "evse.state == A || evse.state == B && relay == open"),
        (
            "(evse.state == A||evse.state == B) && !relay == open",
            "(evse.state == A || evse.state == B) && !(relay == open)"
        ),
        ("vehicle.soc >= 80%", "vehicle.soc >= 0.8"),
        ("evse.firmware == '8.2 x'", #"evse.firmware == "8.2 x""#),
    ])
    func descriptionIsNormalisedAndReparses(text: String, rendered: String) throws {
        let condition = try parse(text)
        #expect(condition.description == rendered)
        #expect(try parse(rendered) == condition)
    }

    @Test(arguments: [
        ("", 1, "a condition like \"evse.state == C\"", "an empty condition"),
        ("evse.state = C", 12, "'==' to compare", "'=' alone"),
        ("evse.state == C & relay == open", 17, "'&&'", "'&' alone"),
        ("evse.state == C |", 17, "'||'", "'|' alone"),
        ("evse.state C", 12, "a comparison operator (==, !=, <, <=, >, >=) after evse.state", "'C'"),
        ("evse.state ==", 14, "a state name for evse.state", "the end of the condition"),
        ("evse.state == X", 15, "a state of evse.state", "'X'"),
        ("evse.state < C", 12, "== or != (evse.state is a state name)", "'<'"),
        ("vehicle.connected >= true", 19, "== or != (vehicle.connected is true or false)", "'>='"),
        ("vehicle.connected == yes", 22, "true or false for vehicle.connected", "'yes'"),
        ("meter.power > high", 15, "a number in W or kW for meter.power", "'high'"),
        ("meter.power > 16A", 15, "a number for meter.power (in W or kW, or without a unit)", "'16A' (amperes)"),
        ("evse.faultCount > 3A", 19, "a plain number for evse.faultCount (it has no unit)", "'3A' (amperes)"),
        ("vehicle.soc > 80", 15, "a ratio from 0 to 1 or a percentage like 80% for vehicle.soc", "'80'"),
        ("vehicle.soc > 120%", 15, "a ratio from 0 to 1 or a percentage like 80% for vehicle.soc", "'120%'"),
        ("(evse.state == C", 17, "')' to close the '(' at column 1", "the end of the condition"),
        ("evse.state == C)", 16, "'&&', '||' or the end of the condition", "')' without a matching '('"),
        ("evse.state == C relay == open", 17, "'&&', '||' or the end of the condition", "'relay'"),
        ("&& evse.state == C", 1, "a key such as \"evse.state\", '!' or '('", "'&&'"),
        ("evse.firmware == 'x", 18, "' to close the quoted value", "the end of the condition"),
        ("evse.state == C # note", 17, "a key, a value, an operator or a parenthesis", "'#'"),
        ("évse == C", 1, "a key, a value, an operator or a parenthesis", "'é'"),
    ])
    func errorsCarryTheColumn(text: String, column: Int, expected: String, found: String) throws {
        let e = try #require(error(text))
        #expect(e.column == column)
        #expect(e.expected == expected)
        #expect(e.found == found)
    }

    @Test func unknownKeyListsChoicesAndSuggests() throws {
        let e = try #require(error("evse.state == C && meter.powr > 1kW"))
        #expect(e.column == 20)
        #expect(e.suggestion == "meter.power")
        #expect(e.choices == keys.keys.sorted())
        #expect(e.description == #"column 20: expected a known key, found 'meter.powr'; did you mean "meter.power"?"#)
    }

    @Test func misspeltUnitSuffixGetsASuggestion() throws {
        let e = try #require(error("meter.power > 7kw"))
        #expect(e.suggestion == "7kW")
    }

    @Test(arguments: [
        ("vehicle.soc >= 80%", ["vehicle.soc": ConditionValue.number(0.8)], true),
        ("vehicle.soc >= 80%", ["vehicle.soc": .number(0.79)], false),
        ("meter.power > 7kW && evse.state == C", ["meter.power": .number(7001), "evse.state": .string("C")], true),
        ("meter.power > 7kW && evse.state == C", ["meter.power": .number(7001), "evse.state": .string("B")], false),
        ("evse.state == A || relay == closed", ["evse.state": .string("B"), "relay": .string("closed")], true),
        ("!(vehicle.connected == true)", ["vehicle.connected": .bool(false)], true),
        ("evse.firmware != '8.2.3'", ["evse.firmware": .string("8.2.3")], false),
        ("meter.current <= 16A", ["meter.current": .number(16)], true),
        ("meter.current < 16A", ["meter.current": .number(16)], false),
    ])
    func evaluatesWithLookup(text: String, values: [String: ConditionValue], expected: Bool) throws {
        #expect(try parse(text).evaluate { values[$0] } == expected)
    }

    @Test func shortCircuitsAndReportsMissingKeys() throws {
        let condition = try parse("evse.state == A || meter.power > 1kW")
        var asked: [String] = []
        let result = try condition.evaluate { key in
            asked.append(key)
            return .string("A")
        }
        #expect(result)
        #expect(asked == ["evse.state"])
        #expect(throws: ConditionEvaluationError(key: "meter.power", actual: nil, expected: .number(1000))) {
            try condition.evaluate { $0 == "evse.state" ? .string("B") : nil }
        }
        #expect(throws: ConditionEvaluationError.self) {
            try condition.evaluate { $0 == "evse.state" ? .string("B") : .string("lots") }
        }
    }

    @Test func listsTheKeysItReads() throws {
        let condition = try parse("evse.state == C && (relay == closed || evse.state == D)")
        #expect(condition.keys == ["evse.state", "relay"])
    }
}
