/// A JSON value whose object members keep their order and whose numbers keep the style they
/// will be printed in, so that the bytes we publish are fully under our control.
public enum JSONValue: Hashable, Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number and its printing style.
    case number(JSONNumber)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object, members in order.
    case object(JSONObject)

    /// A whole number.
    public static func int(_ value: Int) -> JSONValue { .number(.integer(Int64(value))) }
    /// A double printed like nlohmann `dump()` (shortest round trip, `.0` on integral values).
    public static func double(_ value: Double) -> JSONValue { .number(.double(value)) }
    /// A double printed with a fixed number of decimals, like rapidyaml's `fmt::real`.
    public static func fixed(_ value: Double, decimals: Int) -> JSONValue {
        .number(.fixed(value, decimals: decimals))
    }

    /// The members of an object, nil for anything else.
    public var objectValue: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }

    /// nlohmann's `type_name()`, used in messages about wrong types.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

/// A JSON number together with how it is written.
///
/// Parsed numbers come back as nlohmann classifies them: non-negative integers as
/// ``unsigned(_:)``, negative ones as ``integer(_:)``, everything else (or integers too large
/// for 64 bits) as ``double(_:)``.
public enum JSONNumber: Hashable, Sendable {
    /// A signed integer, printed in decimal.
    case integer(Int64)
    /// An unsigned integer, printed in decimal.
    case unsigned(UInt64)
    /// Printed like nlohmann: shortest round-trip digits, `.0` appended to integral values,
    /// exponent form outside 1e-5…1e15, `null` for NaN and infinities.
    case double(Double)
    /// Printed fixed-point with `decimals` digits after the point, correctly rounded from
    /// the exact binary value, like rapidyaml's `fmt::real` (`%.*f`).
    case fixed(Double, decimals: Int)

    /// The value as a double (exact for doubles, rounded for large integers).
    public var doubleValue: Double {
        switch self {
        case .integer(let v): Double(v)
        case .unsigned(let v): Double(v)
        case .double(let v), .fixed(let v, _): v
        }
    }
}

/// A JSON object: members in insertion order. Lookups find the *last* member with a key,
/// which is what nlohmann keeps when a document repeats a key.
public struct JSONObject: Hashable, Sendable, ExpressibleByDictionaryLiteral {
    /// One `"key": value` pair.
    public struct Member: Hashable, Sendable {
        /// The key.
        public var key: String
        /// The value.
        public var value: JSONValue

        /// Creates a member.
        public init(_ key: String, _ value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// The members, in order.
    public var members: [Member]

    /// An object with these members.
    public init(_ members: [Member] = []) { self.members = members }

    /// An object from a literal, keeping the literal's order.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        members = elements.map { Member($0.0, $0.1) }
    }

    /// The value of the last member named `key`.
    public subscript(key: String) -> JSONValue? {
        members.last { $0.key == key }?.value
    }

    /// nlohmann's `contains`.
    public func contains(_ key: String) -> Bool { members.contains { $0.key == key } }

    /// Appends a member.
    public mutating func append(_ key: String, _ value: JSONValue) { members.append(Member(key, value)) }

    /// Appends a member when `value` is not nil (for optional fields).
    public mutating func append(_ key: String, ifPresent value: JSONValue?) {
        if let value { members.append(Member(key, value)) }
    }
}
