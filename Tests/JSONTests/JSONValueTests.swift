import Testing

@testable import JSON

@Suite struct JSONValueTests {
    @Test func serialisesCompactlyInOrderWithNumbersAsWritten() throws {
        let value = try JSONValue(
            parsing: #"{ "b": [1.50, -0, 2e3], "a": {"x": null, "y": true}, "s": "q\"\\\n\u0001é" }"#)
        #expect(value.jsonText == #"{"b":[1.50,-0,2e3],"a":{"x":null,"y":true},"s":"q\"\\\n\u0001é"}"#)
    }

    @Test(arguments: [#"{"a":[1,{"b":"c"}],"d":false}"#, #""é😀\t""#, "[]", "-1.25e-3"])
    func serialisationRoundTrips(text: String) throws {
        let value = try JSONValue(parsing: text)
        #expect(try JSONValue(parsing: value.jsonText) == value)
        #expect(value.jsonText == text)
    }

    @Test func equalityIgnoresLocationsAndMemberOrder() throws {
        let parsed = try JSONValue(parsing: #"{"a": 1, "b": [true]}"#, file: "x.json")
        #expect(parsed == ["b": [true], "a": 1])
        #expect(parsed != ["a": 1, "b": [false]])
        #expect(parsed != ["a": 1])
    }

    @Test(arguments: [
        (JSONPath.root, "$"),
        (JSONPath([.key("steps"), .index(3), .key("timeout")]), "$.steps[3].timeout"),
        (JSONPath([.key("expect"), .key("evse.state")]), #"$.expect["evse.state"]"#),
        (JSONPath([.key("a b"), .key("_x1"), .key("1x"), .key("q\"")]), #"$["a b"]._x1["1x"]["q\""]"#),
    ])
    func pathsPrintJSONPathStyle(path: JSONPath, text: String) {
        #expect(path.description == text)
    }

    @Test func objectSetReplacesInPlaceAndRemoveReindexes() {
        var object = JSONObject()
        object["a"] = 1
        object["b"] = 2
        object["c"] = 3
        object["a"] = 10
        #expect(object.keys == ["a", "b", "c"])
        object["b"] = nil
        #expect(object.keys == ["a", "c"])
        #expect(object["c"] == 3)
        #expect(object["a"] == 10)
    }

    @Test func foundDescriptionsNameTheKind() throws {
        #expect(JSONValue(integerLiteral: 10).foundDescription == "10 (number)")
        #expect(JSONValue(stringLiteral: "10 sec").foundDescription == #""10 sec""#)
        #expect(JSONValue(booleanLiteral: true).foundDescription == "true (boolean)")
        #expect(JSONValue(nilLiteral: ()).foundDescription == "null")
        #expect(JSONValue(dictionaryLiteral: ("a", 1)).foundDescription == "an object")
        #expect(JSONValue(arrayLiteral: 1).foundDescription == "an array")
        let long = JSONValue(.string(String(repeating: "x", count: 100))).foundDescription
        #expect(long == "\"" + String(repeating: "x", count: 57) + "…\"")
    }

    @Test func mergeReplacesScalarsAndMergesObjectsDeeply() throws {
        let profile = try JSONValue(
            parsing: #"{"max": 32, "delay": {"on": false, "max": 600}, "phases": [1], "name": "p"}"#,
            file: "profile.json")
        let override = try JSONValue(
            parsing: #"{"delay": {"on": true}, "phases": [1, 2, 3], "extra": null}"#, file: "scenario.json")
        let merged = profile.merging(override)
        #expect(
            merged == ["max": 32, "delay": ["on": true, "max": 600], "phases": [1, 2, 3], "name": "p", "extra": nil])
        #expect(merged.objectValue?.keys == ["max", "delay", "phases", "name", "extra"])
        #expect(merged["delay"]?["on"]?.location?.file == "scenario.json")
        #expect(merged["delay"]?["max"]?.location?.file == "profile.json")
        #expect(merged["delay"]?.location?.file == "profile.json")
        #expect(merged["phases"]?.location?.file == "scenario.json")
        #expect(merged["extra"]?.location == SourceLocation(file: "scenario.json", line: 1, column: 55))
    }

    @Test func mergeOfANonObjectReplacesWhole() {
        let profile: JSONValue = ["a": 1]
        #expect(profile.merging(5) == 5)
        #expect(JSONValue(integerLiteral: 5).merging(["a": 1]) == ["a": 1])
    }
}
