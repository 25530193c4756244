import JSON

/// One thing wrong with a scenario (or profile) document, said the way a compiler would.
///
/// Printed as
/// `Scenarios/x.json:12:15: $.steps[3].timeout: expected a duration like "10s", found 10 (number)`,
/// followed for names by `; did you mean "plug"?` and `; valid choices: …`.
public struct ScenarioIssue: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file, as the caller named it.
    public var file: String
    /// Where in the document the problem is.
    public var path: JSONPath
    /// 1-based line, or 0 when the value was not read from a file.
    public var line: Int
    /// 1-based column in Unicode scalars, or 0 when unknown.
    public var column: Int
    /// What would have been valid, phrased to follow "expected".
    public var expected: String
    /// What was there, phrased to follow "found".
    public var found: String
    /// For names: every valid name, in a helpful order.
    public var choices: [String]
    /// For a near miss of a valid name: the name that was probably meant.
    public var suggestion: String?

    /// Creates an issue.
    public init(
        file: String, path: JSONPath, line: Int, column: Int, expected: String, found: String,
        choices: [String] = [], suggestion: String? = nil
    ) {
        self.file = file
        self.path = path
        self.line = line
        self.column = column
        self.expected = expected
        self.found = found
        self.choices = choices
        self.suggestion = suggestion
    }

    /// Creates an issue at `location`; `file` names the document when `location` is `nil`
    /// (a value built in code).
    public init(
        at location: SourceLocation?, file: String, path: JSONPath, expected: String, found: String,
        choices: [String] = [], suggestion: String? = nil
    ) {
        self.init(
            file: location?.file ?? file, path: path, line: location?.line ?? 0, column: location?.column ?? 0,
            expected: expected, found: found, choices: choices, suggestion: suggestion)
    }

    /// The issue for a JSON syntax error.
    public init(_ error: JSONSyntaxError) {
        self.init(
            at: error.location, file: error.location.file, path: error.path, expected: error.expected,
            found: error.found)
    }

    /// `file:line:column: path: expected …, found …[; did you mean "…"?][; valid choices: …]`,
    /// always on one line: control characters in what was found are escaped (`\n`, `\u{7}`).
    public var description: String {
        var out = file
        if line > 0 { out += ":\(line):\(column)" }
        out += ": \(path): expected \(expected), found \(Self.oneLine(found))"
        if let suggestion { out += "; did you mean \(JSONValue.quoted(suggestion))?" }
        if !choices.isEmpty { out += "; valid choices: " + choices.joined(separator: ", ") }
        return out
    }

    /// `text` with line breaks, tabs and other control characters written as escapes.
    static func oneLine(_ text: String) -> String {
        func breaks(_ s: Unicode.Scalar) -> Bool {
            [.control, .lineSeparator, .paragraphSeparator].contains(s.properties.generalCategory)
        }
        guard text.unicodeScalars.contains(where: breaks) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where breaks(scalar):
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
