import EVSEModel
import JSON
import Testing

@testable import Scenario

@Suite struct MatchingTests {
    @Test(arguments: [
        ("$OK 02 *", "$OK 02 00 0^2A", true),
        ("$OK 02 *", "$OK 03 00", false),
        ("$OK*", "$OK", true),
        ("*", "", true),
        ("$AT * * 32 *", "$AT 02 02 32 0200", true),
        ("$AT * * 32 *", "$AT 02 02 16 0200", false),
        ("a*b*c", "axxbyyc", true),
        ("a*b*c", "axxbyy", false),
        ("a*c", "abcbc", true),
        ("$GS", "$GS ", false),
        ("$OK ^2?", "$OK ^2?", true),
    ])
    func linePatternsMatchWholeLinesWithStars(pattern: String, line: String, matches: Bool) {
        #expect(LinePattern(pattern).matches(line) == matches)
    }

    @Test func subsetMatchesNestedObjectsAndTolerances() throws {
        let pattern = JSONSubsetPattern([
            "limits": ["max_current_A": ["value": 16, "tolerance": 0.5]], "state": "Charging",
        ])
        let actual = try JSONValue(
            parsing: #"{"state": "Charging", "limits": {"max_current_A": 15.6, "phases": 3}, "other": 1}"#)
        #expect(pattern.matches(actual))
        let tooFar = try JSONValue(parsing: #"{"state": "Charging", "limits": {"max_current_A": 15.4}}"#)
        #expect(
            pattern.firstMismatch(in: tooFar)
                == JSONSubsetMismatch(
                    path: JSONPath([.key("limits"), .key("max_current_A")]), expected: "16 ± 0.5", found: "15.4"))
    }

    @Test func subsetReportsTheFirstMismatch() throws {
        let pattern = JSONSubsetPattern(["uk_random_delay": ["current_limit_during_delay_A": 0], "list": [1, "x"]])
        let missing = try JSONValue(parsing: #"{"list": [1, "x"]}"#)
        #expect(
            pattern.firstMismatch(in: missing)?.description
                == #"$.uk_random_delay: expected {"current_limit_during_delay_A":0}, found no such key"#)
        let wrong = try JSONValue(
            parsing: #"{"uk_random_delay": {"current_limit_during_delay_A": 16.0}, "list": [1, "x"]}"#)
        #expect(
            pattern.firstMismatch(in: wrong)?.description
                == "$.uk_random_delay.current_limit_during_delay_A: expected 0, found 16.0")
        let shortList = try JSONValue(
            parsing: #"{"uk_random_delay": {"current_limit_during_delay_A": 0.0}, "list": [1]}"#)
        #expect(pattern.firstMismatch(in: shortList)?.path == JSONPath([.key("list")]))
        let okay = try JSONValue(
            parsing: #"{"uk_random_delay": {"current_limit_during_delay_A": 0.0}, "list": [1.0, "x"]}"#)
        #expect(pattern.matches(okay))
    }

    @Test(arguments: [
        (ExpectedValue.equals(.string("C")), ConditionValue.string("C"), true),
        (.equals(.string("C")), .string("B"), false),
        (.equals(.number(16)), .number(16), true),
        (.range(min: 7000, max: 7400), .number(7400), true),
        (.range(min: 7000, max: 7400), .number(7400.1), false),
        (.range(min: nil, max: 10), .number(-5), true),
        (.range(min: 0.5, max: nil), .number(0.4), false),
        (.approximately(16, tolerance: 0.5), .number(15.5), true),
        (.approximately(16, tolerance: 0.5), .number(16.6), false),
        (.range(min: 0, max: 1), .string("1"), false),
    ])
    func expectedValuesMatch(expected: ExpectedValue, actual: ConditionValue, matches: Bool) {
        #expect(expected.matches(actual) == matches)
    }

    @Test func expectedValuesDescribeThemselves() {
        #expect(ExpectedValue.range(min: 7000, max: 7400).description == "7000…7400")
        #expect(ExpectedValue.approximately(16, tolerance: 0.5).description == "16 ± 0.5")
        #expect(ExpectedValue.range(min: 6, max: nil).description == "≥ 6")
    }

    @Test(arguments: [
        ("plugg", "plug"), ("tiemout", "timeout"), ("setsoc", "setSoc"), ("localapi", "LocalAPI"), ("sed", "seed"),
        ("ovrTemperature", "overTemperature"),
    ])
    func nearMissesAreSuggested(typo: String, meant: String) {
        let choices = ["plug", "timeout", "setSoc", "LocalAPI", "seed", "overTemperature", "overCurrent"]
        #expect(NearMiss.suggestion(for: typo, among: choices) == meant)
    }

    @Test(arguments: ["X", "banana", "zzzzzzzz", "plug"])
    func farOffOrExactNamesGetNoSuggestion(name: String) {
        #expect(NearMiss.suggestion(for: name, among: ["A", "B", "plug", "unplug"]) == nil)
    }
}
