/// A value a station key has at run time (``Station/query(_:)``), or that a scenario condition
/// or expectation compares it against.
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
            s.unicodeScalars.allSatisfy(Self.isWordScalar) && !s.isEmpty
                && !("0"..."9").contains(s.unicodeScalars.first!) ? s : "\"\(s)\""
        }
    }

    /// Whether `c` can be part of a bare word in a condition: ASCII letters, digits, `_` and `.`.
    public static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "_" || c == ".")
    }
}
