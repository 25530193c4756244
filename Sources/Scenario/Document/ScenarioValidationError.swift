/// A document was rejected before anything ran; carries every issue found in it.
public struct ScenarioValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The document's name, as the caller gave it.
    public var file: String
    /// The issues, in document order (never empty).
    public var issues: [ScenarioIssue]

    /// Creates an error.
    public init(file: String, issues: [ScenarioIssue]) {
        self.file = file
        self.issues = issues
    }

    /// One issue per line.
    public var description: String {
        issues.map(\.description).joined(separator: "\n")
    }
}
