import Testing

@testable import EverestAPI

@Suite("Strict JSON parser (nlohmann json::parse)")
struct JSONParserTests {
    @Test("documents parse to the expected values")
    func valid() throws {
        let value = try JSONParser.parse(
            #"  {"a": [1, -2, 3.5, true, false, null], "b": {"c": "d\u00e9\ud83d\ude00"}}  "#)
        let expected: JSONValue = .object([
            "a": .array([
                .number(.unsigned(1)), .number(.integer(-2)), .double(3.5), .bool(true), .bool(false), .null,
            ]),
            "b": .object(["c": .string("dé😀")]),
        ])
        #expect(value == expected)
    }

    @Test(
        "numbers are classified like nlohmann",
        arguments: [
            ("0", JSONNumber.unsigned(0)), ("-0", .integer(0)), ("18446744073709551615", .unsigned(.max)),
            ("18446744073709551616", .double(0x1p64)), ("-9223372036854775808", .integer(.min)),
            ("-9223372036854775809", .double(-0x1p63)), ("1e2", .double(100)), ("1E-2", .double(0.01)),
            ("2.50", .double(2.5)), ("1e-400", .double(0)),
        ] as [(String, JSONNumber)])
    func numbers(text: String, expected: JSONNumber) throws {
        #expect(try JSONParser.parse(text) == .number(expected))
    }

    @Test(
        "malformed documents are rejected",
        arguments: [
            "", " ", "{", "}", "[1,]", "{\"a\":1,}", "{'a':1}", "{a:1}", "01", "1.", ".5", "+1", "1e", "-", "NaN",
            "Infinity", "tru", "nul", "\"abc", "\"a\nb\"", "\"\\x\"", "\"\\u12\"", "\"\\ud800\"", "\"\\udc00\"",
            "\"\\ud800\\u0041\"", "[1 2]", "{\"a\" 1}", "{\"a\":1 \"b\":2}", "1 2", "// c\n1", "/* c */ 1", "[1]x",
            "1e999", "-1e999", "{\"a\":1}}",
        ])
    func malformed(text: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
    }

    @Test(
        "invalid UTF-8 is rejected inside strings",
        arguments: [[0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xFF]] as [[UInt8]])
    func invalidUTF8(sequence: [UInt8]) {
        let bytes = [UInt8(ascii: "\"")] + sequence + [UInt8(ascii: "\"")]
        #expect(throws: JSONParseError.self) { try JSONParser.parse(bytes) }
    }

    @Test("a UTF-8 BOM is skipped; a repeated key keeps the last value")
    func bomAndDuplicates() throws {
        let value = try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array(#"{"k":1,"k":2}"#.utf8))
        #expect(value.objectValue?["k"] == .number(.unsigned(2)))
    }

    @Test("nesting is accepted up to the limit and rejected, not crashed on, beyond it")
    func deepNesting() throws {
        func nested(_ depth: Int) -> String {
            String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        }
        var value = try JSONParser.parse(nested(JSONParser.maximumDepth))
        var levels = 1
        while case .array(let elements) = value, let first = elements.first {
            value = first
            levels += 1
        }
        #expect(levels == JSONParser.maximumDepth)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(nested(JSONParser.maximumDepth + 1)) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse(nested(1_000_000)) }
    }

    @Test("the error says where and what")
    func errorDescription() {
        do {
            _ = try JSONParser.parse("[1,]")
            Issue.record("parsed")
        } catch {
            #expect(error.offset == 3)
            #expect(error.description.hasPrefix("at byte 3:"))
        }
    }
}
