import Testing

@testable import JSON

@Suite("JSON parser, nlohmann policy (MQTT payloads, as json::parse reads them)")
struct NlohmannParserTests {
    func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        try JSONParser(policy: .nlohmann).parse(text, file: "payload")
    }

    @Test("documents parse to the expected values")
    func valid() throws {
        let value = try parse(#"  {"a": [1, -2, 3.5, true, false, null], "b": {"c": "d\u00e9\ud83d\ude00"}}  "#)
        let expected: JSONValue = .object([
            "a": .array([.int(1), .int(-2), .double(3.5), .bool(true), .bool(false), .null]),
            "b": .object(["c": .string("dé😀")]),
        ])
        #expect(value == expected)
    }

    @Test(
        "numbers are classified like nlohmann",
        arguments: [
            ("0", JSONNumber.NlohmannValue.unsigned(0)), ("-0", .integer(0)), ("18446744073709551615", .unsigned(.max)),
            ("18446744073709551616", .double(0x1p64)), ("-9223372036854775808", .integer(.min)),
            ("-9223372036854775809", .double(-0x1p63)), ("1e2", .double(100)), ("1E-2", .double(0.01)),
            ("2.50", .double(2.5)), ("1e-400", .double(0)),
        ] as [(String, JSONNumber.NlohmannValue)])
    func numbers(text: String, expected: JSONNumber.NlohmannValue) throws {
        #expect(try parse(text).numberValue?.nlohmannValue == expected)
    }

    /// What nlohmann rejects; both policies share this grammar.
    static let malformedDocuments = [
        "", " ", "{", "}", "[1,]", "{\"a\":1,}", "{'a':1}", "{a:1}", "01", "1.", ".5", "+1", "1e", "-", "NaN",
        "Infinity", "tru", "nul", "\"abc", "\"a\nb\"", "\"\\x\"", "\"\\u12\"", "\"\\ud800\"", "\"\\udc00\"",
        "\"\\ud800\\u0041\"", "[1 2]", "{\"a\" 1}", "{\"a\":1 \"b\":2}", "1 2", "// c\n1", "/* c */ 1", "[1]x",
        "1e999", "-1e999", "{\"a\":1}}",
    ]

    @Test(
        "malformed documents are rejected under both policies",
        arguments: malformedDocuments, [JSONParser.Policy.nlohmann, .authoring])
    func malformed(text: String, policy: JSONParser.Policy) {
        #expect(throws: JSONSyntaxError.self) { try JSONParser(policy: policy).parse(text, file: "t") }
    }

    @Test(
        "invalid UTF-8 is rejected inside strings under both policies",
        arguments: [[0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xFF]] as [[UInt8]],
        [JSONParser.Policy.nlohmann, .authoring])
    func invalidUTF8(sequence: [UInt8], policy: JSONParser.Policy) {
        let bytes = [UInt8(ascii: "\"")] + sequence + [UInt8(ascii: "\"")]
        #expect(throws: JSONSyntaxError.self) { try JSONParser(policy: policy).parse(bytes, file: "t") }
    }

    @Test("a UTF-8 BOM is skipped; a repeated key keeps the last value where the first stood")
    func bomAndDuplicates() throws {
        let value = try JSONParser(policy: .nlohmann).parse(
            [0xEF, 0xBB, 0xBF] + Array(#"{"k":1,"j":0,"k":2}"#.utf8), file: "payload")
        #expect(value["k"] == 2)
        #expect(value.objectValue?.keys == ["k", "j"])
        #expect(throws: JSONSyntaxError.self) { try JSONParser(policy: .authoring).parse(#"{"k":1,"k":2}"#, file: "t") }
    }

    @Test("nesting is accepted up to the limit and rejected, not crashed on, beyond it")
    func deepNesting() throws {
        func nested(_ depth: Int) -> String {
            String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        }
        let limit = JSONParser.Policy.nlohmann.maximumDepth
        var value = try parse(nested(limit))
        var levels = 1
        while let first = value.arrayValue?.first {
            value = first
            levels += 1
        }
        #expect(levels == limit)
        #expect(throws: JSONSyntaxError.self) { try parse(nested(limit + 1)) }
        #expect(throws: JSONSyntaxError.self) { try parse(nested(1_000_000)) }
    }

    @Test("objects with many keys stay addressable by key")
    func manyKeys() throws {
        let text = "{" + (0..<1000).map { "\"k\($0)\":\($0)" }.joined(separator: ",") + ",\"k5\":-1}"
        let object = try #require(try parse(text).objectValue)
        #expect(object.count == 1000)
        #expect(object["k999"] == 999)
        #expect(object["k5"] == -1)
        #expect(object.keys.prefix(3) == ["k0", "k1", "k2"])
    }

    @Test("the error says where and what")
    func errorDescription() throws {
        let error = try #require(throws: JSONSyntaxError.self) { try parse("[1,]") }
        #expect(error.location.column == 4)
        #expect(
            error.description == "payload:1:4: $: expected a value after ',', found ']' (JSON allows no trailing comma)"
        )
    }
}
