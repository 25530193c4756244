import EVSEModel
import JSON

/// A JSON value that another value must contain: objects may have more keys, everything the
/// pattern names must match.
///
/// Arrays match element by element and must have the same length. Numbers compare by value
/// (`16` matches `16.0`). An object of exactly `{"value": n, "tolerance": t}` matches any number
/// within `n ± t`; the validator rejects other objects that mention `tolerance`, so the form
/// cannot be misread.
public struct JSONSubsetPattern: Hashable, Sendable {
    /// The pattern.
    public var pattern: JSONValue

    /// Creates a pattern.
    public init(_ pattern: JSONValue) { self.pattern = pattern }

    /// Whether `actual` contains the pattern.
    public func matches(_ actual: JSONValue) -> Bool { firstMismatch(in: actual) == nil }

    /// The first place where `actual` does not contain the pattern, or `nil` when it does.
    public func firstMismatch(in actual: JSONValue) -> JSONSubsetMismatch? {
        JSONSubsetPattern.mismatch(pattern, actual, at: .root)
    }

    /// The value and tolerance of a `{"value": n, "tolerance": t}` object.
    static func tolerance(_ v: JSONValue) -> (value: Double, tolerance: Double)? {
        guard let o = v.objectValue, o.count == 2, let value = o["value"]?.numberValue,
            let tolerance = o["tolerance"]?.numberValue
        else { return nil }
        return (value.doubleValue, tolerance.doubleValue)
    }

    private static func mismatch(_ p: JSONValue, _ a: JSONValue, at path: JSONPath) -> JSONSubsetMismatch? {
        func fail(_ expected: String) -> JSONSubsetMismatch {
            JSONSubsetMismatch(path: path, expected: expected, found: a.jsonText)
        }
        if let (value, tolerance) = tolerance(p) {
            let v = ConditionValue.number(value)
            let t = ConditionValue.number(tolerance)
            guard let x = a.numberValue?.doubleValue, abs(x - value) <= tolerance else { return fail("\(v) ± \(t)") }
            return nil
        }
        switch (p.kind, a.kind) {
        case (.object(let po), .object(let ao)):
            for member in po.members {
                guard let actual = ao[member.key] else {
                    return JSONSubsetMismatch(
                        path: path.appending(member.key), expected: member.value.jsonText, found: "no such key")
                }
                if let m = mismatch(member.value, actual, at: path.appending(member.key)) { return m }
            }
            return nil
        case (.array(let pa), .array(let aa)):
            guard pa.count == aa.count else { return fail("an array of \(pa.count) elements: \(p.jsonText)") }
            for (i, (pe, ae)) in zip(pa, aa).enumerated() {
                if let m = mismatch(pe, ae, at: path.appending(i)) { return m }
            }
            return nil
        case (.number(let pn), .number(let an)):
            return pn.doubleValue == an.doubleValue ? nil : fail(p.jsonText)
        default:
            return p == a ? nil : fail(p.jsonText)
        }
    }
}

/// Where and how a payload failed to contain a ``JSONSubsetPattern``.
public struct JSONSubsetMismatch: Hashable, Sendable, CustomStringConvertible {
    /// Where in the payload, e.g. `$.uk_random_delay.current_limit_during_delay_A`.
    public var path: JSONPath
    /// What the pattern asked for there.
    public var expected: String
    /// What the payload had (compact JSON), or "no such key".
    public var found: String

    /// Creates a mismatch.
    public init(path: JSONPath, expected: String, found: String) {
        self.path = path
        self.expected = expected
        self.found = found
    }

    /// `path: expected …, found …`.
    public var description: String { "\(path): expected \(expected), found \(found)" }
}
