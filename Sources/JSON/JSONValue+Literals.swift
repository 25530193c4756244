// Literals make hand-built values (defaults, tests, profile fragments) read like JSON.

extension JSONValue: ExpressibleByNilLiteral {
    /// `null`.
    public init(nilLiteral: ()) { self.init(.null) }
}

extension JSONValue: ExpressibleByBooleanLiteral {
    /// `true` or `false`.
    public init(booleanLiteral value: Bool) { self.init(.bool(value)) }
}

extension JSONValue: ExpressibleByIntegerLiteral {
    /// An integer number.
    public init(integerLiteral value: Int64) { self.init(.number(JSONNumber(value))) }
}

extension JSONValue: ExpressibleByFloatLiteral {
    /// A number; the literal must be finite.
    public init(floatLiteral value: Double) {
        guard let n = JSONNumber(value) else { preconditionFailure("JSON cannot carry \(value)") }
        self.init(.number(n))
    }
}

extension JSONValue: ExpressibleByStringLiteral {
    /// A string.
    public init(stringLiteral value: String) { self.init(.string(value)) }
}

extension JSONValue: ExpressibleByArrayLiteral {
    /// An array.
    public init(arrayLiteral elements: JSONValue...) { self.init(.array(elements)) }
}

extension JSONValue: ExpressibleByDictionaryLiteral {
    /// An object with the members in the order written; a repeated key keeps its last value.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        var object = JSONObject()
        for (key, value) in elements { object[key] = value }
        self.init(.object(object))
    }
}

// Factories read like the enumeration cases the EVerest payload encoders were written with.
extension JSONValue {
    /// `null`.
    public static let null = JSONValue(.null)
    /// `true` or `false`.
    public static func bool(_ value: Bool) -> JSONValue { JSONValue(.bool(value)) }
    /// A number.
    public static func number(_ value: JSONNumber) -> JSONValue { JSONValue(.number(value)) }
    /// A string.
    public static func string(_ value: String) -> JSONValue { JSONValue(.string(value)) }
    /// An array.
    public static func array(_ elements: [JSONValue]) -> JSONValue { JSONValue(.array(elements)) }
    /// An object.
    public static func object(_ object: JSONObject) -> JSONValue { JSONValue(.object(object)) }
    /// A whole number.
    public static func int(_ value: Int) -> JSONValue { .number(JSONNumber(Int64(value))) }
    /// A double printed like nlohmann `dump()` (see ``JSONNumber/nlohmann(_:)``).
    public static func double(_ value: Double) -> JSONValue { .number(.nlohmann(value)) }
    /// A double printed with `decimals` fixed decimals (see ``JSONNumber/fixed(_:decimals:)``).
    public static func fixed(_ value: Double, decimals: Int) -> JSONValue {
        .number(.fixed(value, decimals: decimals))
    }
}
