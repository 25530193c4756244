import Testing

@testable import JSON

/// Locations are kept packed (8 bytes a value): they read back as written; documents larger
/// than one chunk of nodes (4,096) parse whole.
@Suite struct PackedLocationTests {
    @Test func locationsReadBackAsWritten() throws {
        let value = try JSONParser().parse("{\n  \"k\": [1,\n    \"x\"]\n}", file: "dir/a.json")
        let member = try #require(value.objectValue?.member("k"))
        #expect(member.keyLocation == SourceLocation(file: "dir/a.json", line: 2, column: 3))
        let elements = try #require(member.value.arrayValue)
        #expect(elements[1].location == SourceLocation(file: "dir/a.json", line: 3, column: 5))
        #expect(JSONValue(.null).location == nil)
        var built = JSONValue(.null)
        built.location = SourceLocation(file: "b.json", line: 7, column: 9)
        #expect(built.location?.description == "b.json:7:9")
    }

    @Test func aLineOrColumnBeyondTwentyFourBitsIsKeptAtTheMost() {
        let far = PackedLocation(SourceLocation(file: "f", line: 1 << 25, column: 3))
        #expect(far.location?.line == (1 << 24) - 1)
        #expect(far.location?.column == 3)
    }

    @Test(arguments: [1023, 1024, 1025, 5000])
    func largeArraysParseWhole(count: Int) throws {
        let text = "[" + (0..<count).map { #"{"v":[\#($0),"a,]"]}"# }.joined(separator: ",") + "]"
        let elements = try #require(try JSONParser().parse(text, file: "big.json").arrayValue)
        #expect(elements.count == count)
        #expect(elements.last?["v"]?.arrayValue?.first?.numberValue?.text == String(count - 1))
        #expect(elements.last?["v"]?.arrayValue?.last?.stringValue == "a,]")
        #expect(elements.map { $0["v"]?.arrayValue?.first?.numberValue?.int64Value } == (0..<count).map { Int64($0) })
    }
}
