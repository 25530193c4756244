import Testing

@testable import JSON

@Suite("JSON parser, authoring policy (scenarios, profiles, fleets)")
struct AuthoringParserTests {
    func parse(_ text: String, maximumDepth: Int = 64) throws(JSONSyntaxError) -> JSONValue {
        try JSONParser(policy: .init(maximumDepth: maximumDepth, rejectsDuplicateKeys: true)).parse(
            text, file: "t.json")
    }

    func syntaxError(_ text: String) -> JSONSyntaxError? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func scalars() throws {
        #expect(try parse("null") == nil)
        #expect(try parse(" true ") == true)
        #expect(try parse("false") == false)
        #expect(try parse(#""x""#) == "x")
        #expect(try parse("[]") == [])
        #expect(try parse("{}") == [:])
    }

    @Test(
        arguments: [
            ("0", 0.0, Int64(0)), ("-0", 0, 0), ("42", 42, 42), ("-7", -7, -7), ("1.5", 1.5, nil), ("1e3", 1000, 1000),
            ("2.50E-1", 0.25, nil), ("7.0", 7, 7), ("9223372036854775807", 9.223372036854775807e18, Int64.max),
        ] as [(String, Double, Int64?)])
    func numbersKeepTheirTextAndOfferViews(text: String, double: Double, int: Int64?) throws {
        let n = try #require(try parse(text).numberValue)
        #expect(n.text == text)
        #expect(n.doubleValue == double)
        #expect(n.int64Value == int)
    }

    @Test func hugeUnsignedIntegerIsExact() throws {
        let n = try #require(try parse("18446744073709551615").numberValue)
        #expect(n.uint64Value == .max)
        #expect(n.int64Value == nil)
        #expect(try parse("-1").numberValue?.uint64Value == nil)
    }

    @Test func numbersCompareByValue() throws {
        #expect(try parse("1") == parse("1.0"))
        #expect(try parse("1e2") == parse("100"))
        #expect(try parse("1") != parse("1.5"))
        #expect(try parse(#"{"a": 1}"#).hashValue == parse(#"{"a": 1.0}"#).hashValue)
    }

    @Test(arguments: [
        (#""\u00e9t\u00C9""#, "étÉ"), (#""\uD83D\uDE00""#, "😀"), (#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{8}\u{C}\n\r\t"),
        (#""\u0000""#, "\u{0}"), ("\"raw é 😀\"", "raw é 😀"),
    ])
    func stringEscapes(source: String, decoded: String) throws {
        #expect(try parse(source).stringValue == decoded)
    }

    @Test func objectKeepsKeyOrder() throws {
        let object = try #require(try parse(#"{"z": 1, "a": 2, "m": 3}"#).objectValue)
        #expect(object.keys == ["z", "a", "m"])
    }

    @Test func recordsLocationsOfValuesAndKeys() throws {
        let text = "{\r\n  \"é\": [1,\n    {\"k\": \"v\"}],\n\t\"n\": null\n}"
        let root = try parse(text)
        #expect(root.location == SourceLocation(file: "t.json", line: 1, column: 1))
        let object = try #require(root.objectValue)
        #expect(object.member("é")?.keyLocation == SourceLocation(file: "t.json", line: 2, column: 3))
        let array = try #require(root["é"])
        #expect(array.location?.line == 2)
        #expect(array.location?.column == 8)  // the quoted "é" counts as 3 columns, not 4 bytes
        #expect(array.arrayValue?[1]["k"]?.location == SourceLocation(file: "t.json", line: 3, column: 11))
        #expect(object.member("n")?.keyLocation == SourceLocation(file: "t.json", line: 4, column: 2))
    }

    @Test func mapsOffsetsInsideVerbatimStringsOnly() throws {
        let root = try parse(#"{"a": "xyz", "b": "x\"z"}"#)
        #expect(root["a"]?.location(ofStringOffset: 2)?.column == 10)
        #expect(root["b"]?.location(ofStringOffset: 2)?.column == 19)  // escapes: falls back to the quote
    }

    @Test(
        arguments: [
            ("", 1, 1, "$", "a JSON value", "end of input"),
            ("{\"a\": 1,}", 1, 9, "$", "a string key after ','", "'}' (JSON allows no trailing comma)"),
            ("[1, 2,]", 1, 7, "$", "a value after ','", "']' (JSON allows no trailing comma)"),
            ("{\"a\": [1]]", 1, 10, "$", "',' or '}' after object member", "']'"),
            ("{\"a\": {\"b\" 1}}", 1, 12, "$.a.b", "':' after the key \"b\"", "'1'"),
            ("[1 2]", 1, 4, "$", "',' or ']' after array element", "'2'"),
            ("{\"a\": True}", 1, 7, "$.a", "a value after ':'", "'True'"),
            ("{\"a\": NaN}", 1, 7, "$.a", "a value after ':'", "'NaN'"),
            ("[01]", 1, 2, "$[0]", "a number without leading zeros", "'01'"),
            ("[1.]", 1, 4, "$[0]", "a digit after '.' in a number", "']'"),
            ("[-]", 1, 3, "$[0]", "a digit after '-' in a number", "']'"),
            ("[1e]", 1, 4, "$[0]", "a digit in the exponent of a number", "']'"),
            ("[+1]", 1, 2, "$[0]", "a value or ']'", "'+'"),
            ("[1e400]", 1, 2, "$[0]", "a number within the range of a 64-bit float", "1e400"),
            (
                "\"a\tb\"", 1, 3, "$", "an escape such as \\t or \\u001F for a control character in a string",
                "a raw a tab"
            ),
            ("[\"\\uDE00\"]", 1, 3, "$[0]", "a high surrogate \\uD800…\\uDBFF before a low one", "\\uDE00"),
            ("[\"\\u12G4\"]", 1, 3, "$[0]", "four hex digits after \\u", "'\\u12G4'"),
            ("{\"a\": 1}\n{", 2, 1, "$", "the end of the document after the top-level value", "'{'"),
            ("{\"x\": 1,\n \"x\": 2}", 2, 2, "$", "each key only once in an object", "\"x\" again (first at 1:2)"),
            ("[\"abc", 1, 6, "$[0]", "'\"' to close the string that starts at 1:2", "end of input"),
            ("{a: 1}", 1, 2, "$", "a string key or '}'", "'a' (keys need double quotes)"),
            ("[\u{00A0}1]", 1, 2, "$[0]", "a value or ']'", "'\u{00A0}' (U+00A0)"),
        ] as [(String, Int, Int, String, String, String)])
    func syntaxErrorsSayWhereAndWhat(
        text: String, line: Int, column: Int, path: String, expected: String, found: String
    ) throws {
        let error = try #require(syntaxError(text))
        #expect(error.location == SourceLocation(file: "t.json", line: line, column: column))
        #expect(error.path.description == path)
        #expect(error.expected == expected)
        #expect(error.found == found)
    }

    @Test func syntaxErrorReadsLikeACompilerDiagnostic() throws {
        let error = try #require(syntaxError("{\"steps\": [\n  {\"do\": \"plug\"]\n]}"))
        #expect(error.description == "t.json:2:16: $.steps[0]: expected ',' or '}' after object member, found ']'")
    }

    @Test func rejectsInvalidUTF8WithPosition() throws {
        var bytes = Array("[\"ok\",\n \"caf".utf8)
        bytes += [0xC3, 0x28] + Array("\"]".utf8)
        #expect(throws: JSONSyntaxError.self) { try JSONParser().parse(bytes, file: "t.json") }
        do {
            _ = try JSONParser().parse(bytes, file: "t.json")
        } catch {
            #expect(error.location.line == 2)
            #expect(error.location.column == 6)
            #expect(error.found == "the byte 0xC3")
        }
    }

    @Test(
        arguments: [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xFF]] as [[UInt8]])
    func utf8ValidatorRejectsMalformedSequences(sequence: [UInt8]) {
        #expect(JSONParser.firstInvalidUTF8(in: [0x41] + sequence) == 1)
    }

    @Test func utf8ValidatorAcceptsEveryLength() {
        #expect(JSONParser.firstInvalidUTF8(in: Array("aé€😀".utf8)) == nil)
    }

    @Test func skipsByteOrderMark() throws {
        let value = try JSONParser().parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8), file: "t.json")
        #expect(value == [1])
        #expect(value.location?.column == 1)
    }

    @Test(arguments: [1, 10, 64])
    func nestingUpToTheLimitIsAccepted(depth: Int) throws {
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(throws: Never.self) { try parse(text) }
    }

    @Test func nestingPastTheLimitIsRejected() throws {
        let error = try #require(syntaxError(String(repeating: "[", count: 65) + String(repeating: "]", count: 65)))
        #expect(error.expected == "at most 64 levels of nested arrays and objects")
        #expect(error.location.column == 65)
        #expect(throws: JSONSyntaxError.self) { try parse(#"{"a": {"b": {}}}"#, maximumDepth: 2) }
        #expect(throws: Never.self) { try parse(#"{"a": {"b": 1}}"#, maximumDepth: 2) }
    }

    @Test func deepInputDoesNotExhaustTheStack() {
        let text = String(repeating: "[", count: 100_000)
        #expect(syntaxError(text)?.expected == "at most 64 levels of nested arrays and objects")
    }
}
