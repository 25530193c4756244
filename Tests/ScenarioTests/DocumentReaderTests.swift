import EVSEModel
import JSON
import SimCore
import Testing

@testable import Scenario

/// The reader is also meant for other documents (profiles); these tests use it directly.
@Suite struct DocumentReaderTests {
    @Test func collectsIssuesAndThrowsThemInDocumentOrder() throws {
        let json = try JSONValue(
            parsing: """
                {"maxCurrent": "32", "phases": 2,
                 "name": "x", "colour": "red"}
                """, file: "profile.json")
        var reader = DocumentReader(file: "profile.json")
        let read = reader.fields(
            JSONNode(json), of: "a station profile", allowed: ["maxCurrent", "phases", "name", "color"],
            required: ["id"])
        let fields = try #require(read)
        #expect(reader.number(fields["maxCurrent"]!) == nil)
        #expect(reader.integer(fields["phases"]!, in: 1...1) == nil)
        #expect(reader.string(fields["name"]!) == "x")
        #expect(throws: ScenarioValidationError.self) { try reader.check() }
        do {
            try reader.check()
        } catch {
            #expect(
                error.description == """
                    profile.json:1:1: $.id: expected the required key "id", found a station profile without it
                    profile.json:1:16: $.maxCurrent: expected a number, found "32"
                    profile.json:1:32: $.phases: expected a whole number from 1 to 1, found 2 (number)
                    profile.json:2:15: $.colour: expected a key of a station profile, found "colour"; did you mean "color"?; valid choices: maxCurrent, phases, name, color
                    """)
        }
    }

    @Test func cleanDocumentPassesCheck() throws {
        var reader = DocumentReader(file: "x.json")
        let node = JSONNode(try JSONValue(parsing: #"{"d": "1h30m", "n": 7}"#))
        let read = reader.fields(node, of: "a thing", allowed: ["d", "n"], required: ["d"])
        let f = try #require(read)
        #expect(reader.duration(f["d"]!) == .minutes(90))
        #expect(reader.unsignedInteger(f["n"]!) == 7)
        #expect(throws: Never.self) { try reader.check() }
    }

    @Test(arguments: ["0s", "-1s", "10", "1 fortnight"])
    func durationsMustBePositiveWhenAsked(text: String) {
        var reader = DocumentReader(file: "x.json")
        #expect(reader.duration(JSONNode(JSONValue(.string(text))), allowZero: false) == nil)
        #expect(reader.issues.count == 1)
    }

    @Test func valuesBuiltInCodeReportWithoutALocation() {
        var reader = DocumentReader(file: "generated")
        _ = reader.bool(JSONNode("yes", path: JSONPath([.key("on")])))
        #expect(reader.issues.map(\.description) == [#"generated: $.on: expected true or false, found "yes""#])
    }

    @Test func namesOfEnumerationsAreCaseSensitive() {
        var reader = DocumentReader(file: "x.json")
        #expect(reader.name(JSONNode("CSMS"), as: EnableDisableSource.self, expected: "a source") == .csms)
        #expect(reader.name(JSONNode("csms"), as: EnableDisableSource.self, expected: "a source") == nil)
        #expect(reader.issues.first?.suggestion == "CSMS")
    }
}
