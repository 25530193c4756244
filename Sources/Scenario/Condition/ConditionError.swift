import EVSEModel
import JSON

/// Why a condition string was rejected, with the column inside the string.
public struct ConditionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// 1-based column in Unicode scalars, counted from the start of the condition text.
    public var column: Int
    /// What would have been valid there.
    public var expected: String
    /// What was there instead.
    public var found: String
    /// For keys and state names: the valid names.
    public var choices: [String]
    /// For a near miss of a valid name: the name probably meant.
    public var suggestion: String?

    /// Creates an error.
    public init(column: Int, expected: String, found: String, choices: [String] = [], suggestion: String? = nil) {
        self.column = column
        self.expected = expected
        self.found = found
        self.choices = choices
        self.suggestion = suggestion
    }

    /// `column N: expected …, found …`.
    public var description: String {
        var out = "column \(column): expected \(expected), found \(found)"
        if let suggestion { out += "; did you mean \(JSONValue.quoted(suggestion))?" }
        return out
    }
}

/// A condition met a key at run time that the station had no value for, or a value of a type
/// validation did not expect; either way the station's key list and its lookup disagree.
public struct ConditionEvaluationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The key.
    public var key: String
    /// What the lookup returned (`nil` when nothing).
    public var actual: ConditionValue?
    /// What the condition compares against.
    public var expected: ConditionValue

    /// Creates an error.
    public init(key: String, actual: ConditionValue?, expected: ConditionValue) {
        self.key = key
        self.actual = actual
        self.expected = expected
    }

    /// Says which key and what it held.
    public var description: String {
        guard let actual else { return "condition key '\(key)' has no value" }
        return "condition key '\(key)' holds \(actual), which cannot be compared with \(expected)"
    }
}
