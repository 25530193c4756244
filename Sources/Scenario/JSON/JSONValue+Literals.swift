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
