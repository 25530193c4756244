import JSON

/// A value a condition compares against, or that a key has at run time.
public enum ConditionValue: Hashable, Sendable, CustomStringConvertible {
    /// A number in the key's base unit (amperes, watts, a 0…1 ratio, …).
    case number(Double)
    /// A state name or free text.
    case string(String)
    /// A boolean.
    case bool(Bool)

    /// Numbers without a needless `.0`, strings quoted when they would not read as one word.
    public var description: String {
        switch self {
        case .number(let d): d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case .bool(let b): String(b)
        case .string(let s):
            s.unicodeScalars.allSatisfy { ConditionLexer.isWordScalar($0) } && !s.isEmpty
                && !ConditionLexer.isDigit(s.unicodeScalars.first!) ? s : "\"\(s)\""
        }
    }

    /// The value a JSON scalar stands for, or `nil` for `null`, arrays and objects.
    public init?(_ json: JSONValue) {
        switch json.kind {
        case .bool(let b): self = .bool(b)
        case .number(let n): self = .number(n.doubleValue)
        case .string(let s): self = .string(s)
        default: return nil
        }
    }
}
