import EVSEModel
import JSON

/// One `"<key>": <expected>` member of an `expect` step.
public struct StateExpectation: Hashable, Sendable {
    /// The condition key, e.g. `evse.state`.
    public var key: String
    /// What its value must be.
    public var expected: ExpectedValue
    /// Where the member is, e.g. `$.steps[5].expect["evse.state"]`.
    public var path: JSONPath
    /// Where its value is written.
    public var location: SourceLocation?

    /// Creates an expectation.
    public init(key: String, expected: ExpectedValue, path: JSONPath = .root, location: SourceLocation? = nil) {
        self.key = key
        self.expected = expected
        self.path = path
        self.location = location
    }
}

/// What a key's value must be.
public enum ExpectedValue: Hashable, Sendable, CustomStringConvertible {
    /// Exactly this value (numbers compare exactly: use a tolerance for measured values).
    case equals(ConditionValue)
    /// A number within `min…max`; either bound may be missing.
    case range(min: Double?, max: Double?)
    /// A number within `value ± tolerance`.
    case approximately(Double, tolerance: Double)

    /// Whether `actual` satisfies the expectation; values of another type never do.
    public func matches(_ actual: ConditionValue) -> Bool {
        switch self {
        case .equals(let v): return v == actual
        case .range(let lo, let hi):
            guard case .number(let x) = actual else { return false }
            return x >= (lo ?? -.infinity) && x <= (hi ?? .infinity)
        case .approximately(let v, let tolerance):
            guard case .number(let x) = actual else { return false }
            return abs(x - v) <= tolerance
        }
    }

    /// `C`, `7000…7400`, `≥ 6`, `16 ± 0.5`.
    public var description: String {
        switch self {
        case .equals(let v): return v.description
        case .range(let lo?, let hi?): return "\(ConditionValue.number(lo))…\(ConditionValue.number(hi))"
        case .range(let lo?, nil): return "≥ \(ConditionValue.number(lo))"
        case .range(nil, let hi?): return "≤ \(ConditionValue.number(hi))"
        case .range(nil, nil): return "any number"
        case .approximately(let v, let t): return "\(ConditionValue.number(v)) ± \(ConditionValue.number(t))"
        }
    }
}
