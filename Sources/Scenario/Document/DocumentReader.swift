import JSON
import SimCore

/// Reads typed values out of a JSON document, collecting an issue for everything wrong
/// instead of stopping at the first, then throws them all at once from ``check()``.
///
/// Each accessor returns `nil` after recording an issue, so callers read a whole document
/// and skip only what depends on a bad value.
public struct DocumentReader: Sendable {
    /// The document's name, used for values that carry no location.
    public let file: String
    /// Everything found wrong so far, in the order found.
    public private(set) var issues: [ScenarioIssue] = []

    /// A reader for the document named `file`.
    public init(file: String) { self.file = file }

    /// Records an issue.
    public mutating func report(_ issue: ScenarioIssue) { issues.append(issue) }

    /// Records an issue about `node`; `found` defaults to a description of its value.
    public mutating func report(
        _ node: JSONNode, expected: String, found: String? = nil, choices: [String] = [], suggestion: String? = nil
    ) {
        report(
            at: node.location, path: node.path, expected: expected, found: found ?? node.value.foundDescription,
            choices: choices, suggestion: suggestion)
    }

    /// Records an issue at an explicit place.
    public mutating func report(
        at location: SourceLocation?, path: JSONPath, expected: String, found: String, choices: [String] = [],
        suggestion: String? = nil
    ) {
        issues.append(
            ScenarioIssue(
                at: location, file: file, path: path, expected: expected, found: found, choices: choices,
                suggestion: suggestion))
    }

    /// Throws every recorded issue as one error, in document order, if there are any.
    public func check() throws(ScenarioValidationError) {
        guard issues.isEmpty else {
            let ordered = issues.enumerated().sorted { a, b in
                (a.element.line, a.element.column, a.offset) < (b.element.line, b.element.column, b.offset)
            }
            throw ScenarioValidationError(file: file, issues: ordered.map(\.element))
        }
    }

    /// Checks that `node` is an object whose keys are all in `allowed` and that has every key in
    /// `required`; unknown keys get a "did you mean".
    /// - Parameters:
    ///   - what: How the object is called in messages, e.g. "a wait step".
    /// - Returns: The fields, or `nil` when `node` is not an object. Unknown or missing keys are
    ///   reported but do not make the result `nil`.
    public mutating func fields(
        _ node: JSONNode, of what: String, allowed: [String], required: [String] = []
    ) -> ObjectFields? {
        guard let object = node.value.objectValue else {
            report(node, expected: "an object (\(what))")
            return nil
        }
        for member in object.members where !allowed.contains(member.key) {
            report(
                at: member.keyLocation ?? node.location, path: node.path.appending(member.key),
                expected: "a key of \(what)", found: JSONValue.quoted(member.key), choices: allowed,
                suggestion: NearMiss.suggestion(for: member.key, among: allowed))
        }
        for key in required where object.member(key) == nil {
            report(
                at: node.location, path: node.path.appending(key),
                expected: "the required key \(JSONValue.quoted(key))",
                found: "\(what) without it")
        }
        return ObjectFields(node: node, object: object)
    }

    /// The elements of an array node.
    public mutating func elements(_ node: JSONNode, expected: String = "an array") -> [JSONNode]? {
        guard let elements = node.elements else {
            report(node, expected: expected)
            return nil
        }
        return elements
    }

    /// A string; empty strings are rejected unless `allowEmpty`.
    public mutating func string(_ node: JSONNode, expected: String = "a string", allowEmpty: Bool = false) -> String? {
        guard let s = node.value.stringValue, allowEmpty || !s.isEmpty else {
            report(node, expected: expected)
            return nil
        }
        return s
    }

    /// `true` or `false`.
    public mutating func bool(_ node: JSONNode, expected: String = "true or false") -> Bool? {
        guard let b = node.value.boolValue else {
            report(node, expected: expected)
            return nil
        }
        return b
    }

    /// A number, optionally within `range`.
    public mutating func number(_ node: JSONNode, in range: ClosedRange<Double>? = nil, expected: String? = nil)
        -> Double?
    {
        let expected =
            expected ?? range.map { "a number from \(format($0.lowerBound)) to \(format($0.upperBound))" } ?? "a number"
        guard let n = node.value.numberValue?.doubleValue, range?.contains(n) ?? true else {
            report(node, expected: expected)
            return nil
        }
        return n
    }

    /// A number no smaller than `minimum`.
    public mutating func number(_ node: JSONNode, atLeast minimum: Double, expected: String? = nil) -> Double? {
        number(
            node, in: minimum...Double.greatestFiniteMagnitude, expected: expected ?? "a number ≥ \(format(minimum))")
    }

    /// A whole number, optionally within `range`; `7.0` counts as whole, `7.5` does not.
    public mutating func integer(_ node: JSONNode, in range: ClosedRange<Int64>? = nil, expected: String? = nil)
        -> Int64?
    {
        let expected =
            expected ?? range.map { r in
                r.upperBound == .max
                    ? "a whole number ≥ \(r.lowerBound)" : "a whole number from \(r.lowerBound) to \(r.upperBound)"
            } ?? "a whole number"
        guard let n = node.value.numberValue?.int64Value, range?.contains(n) ?? true else {
            report(node, expected: expected)
            return nil
        }
        return n
    }

    /// A whole number from 0 to 2⁶⁴−1, read exactly from its text.
    public mutating func unsignedInteger(
        _ node: JSONNode, expected: String = "a whole number from 0 to 18446744073709551615"
    ) -> UInt64? {
        guard let n = node.value.numberValue?.uint64Value else {
            report(node, expected: expected)
            return nil
        }
        return n
    }

    /// A non-negative duration string such as `"10s"` or `"1h30m"` (``SimDuration/init(parsing:)``).
    public mutating func duration(_ node: JSONNode, allowZero: Bool = true, expected: String? = nil) -> SimDuration? {
        let expected = expected ?? (allowZero ? "a duration like \"10s\"" : "a duration longer than zero like \"10s\"")
        guard let text = node.value.stringValue, let d = try? SimDuration(parsing: text),
            d > .zero || (allowZero && d == .zero)
        else {
            report(node, expected: expected)
            return nil
        }
        return d
    }

    /// One of `choices`, exactly (names are case-sensitive); a near miss gets a "did you mean".
    public mutating func name(_ node: JSONNode, among choices: [String], expected: String) -> String? {
        guard let s = node.value.stringValue else {
            report(node, expected: expected, choices: choices)
            return nil
        }
        guard choices.contains(s) else {
            report(node, expected: expected, choices: choices, suggestion: NearMiss.suggestion(for: s, among: choices))
            return nil
        }
        return s
    }

    /// A case of a string-backed enumeration, by raw value.
    public mutating func name<T: CaseIterable & RawRepresentable>(_ node: JSONNode, as type: T.Type, expected: String)
        -> T?
    where T.RawValue == String {
        name(node, among: T.allCases.map(\.rawValue), expected: expected).flatMap(T.init(rawValue:))
    }

    private func format(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
    }
}
