/// What a condition or `expect` key means and what values it takes.
///
/// The station supplies the list of keys it can be asked about; validation checks every key
/// and value in a scenario against it before anything runs.
public struct ConditionKeyInfo: Hashable, Sendable {
    /// The kind of value a key has.
    public enum ValueType: Hashable, Sendable {
        /// A number in the given unit; comparable with all operators.
        case number(ConditionUnit)
        /// One of a fixed set of names (`A`…`F`, `Charging`, …); `==` and `!=` only.
        case state([String])
        /// `true` or `false`; `==` and `!=` only.
        case bool
        /// Free text; `==` and `!=` only.
        case string
    }

    /// The kind of value.
    public var type: ValueType
    /// One line on what the key is, for documentation and listings.
    public var summary: String

    /// Creates key information.
    public init(_ type: ValueType, summary: String = "") {
        self.type = type
        self.summary = summary
    }

    /// A numeric key in `unit`.
    public static func number(_ unit: ConditionUnit = .none, summary: String = "") -> ConditionKeyInfo {
        ConditionKeyInfo(.number(unit), summary: summary)
    }

    /// A key whose value is one of `names`.
    public static func state(_ names: [String], summary: String = "") -> ConditionKeyInfo {
        ConditionKeyInfo(.state(names), summary: summary)
    }

    /// A boolean key.
    public static func bool(summary: String = "") -> ConditionKeyInfo { ConditionKeyInfo(.bool, summary: summary) }

    /// A free-text key.
    public static func string(summary: String = "") -> ConditionKeyInfo { ConditionKeyInfo(.string, summary: summary) }

    /// How the type reads in messages.
    var typeDescription: String {
        switch type {
        case .number(.none): "a number"
        case .number(let unit): "a number in \(unit.suffixes.map(\.suffix).joined(separator: " or "))"
        case .state: "a state name"
        case .bool: "true or false"
        case .string: "a string"
        }
    }
}
