import JSON

/// nlohmann's implicit conversions (`int x = j.at("k")`), which is how the API module reads
/// command fields. They are looser than a JSON schema: booleans convert to numbers and
/// floats are truncated toward zero.
extension JSONValue {
    /// `static_cast<int>` of the stored number or boolean.
    ///
    /// Integers wrap to 32 bits. A double outside the `int` range is undefined behaviour in
    /// C++; we give `Int32.min`, the "integer indefinite" value x86 produces.
    func cInt() throws(ConversionError) -> Int32 {
        switch (kind, numberValue?.nlohmannValue) {
        case (.bool(let b), _): return b ? 1 : 0
        case (_, .integer(let v)?): return Int32(truncatingIfNeeded: v)
        case (_, .unsigned(let v)?): return Int32(truncatingIfNeeded: v)
        case (_, .double(let v)?):
            let truncated = v.rounded(.towardZero)
            guard truncated >= -2_147_483_648, truncated <= 2_147_483_647 else { return .min }
            return Int32(truncated)
        default: throw ConversionError(expected: "number", found: typeName)
        }
    }

    /// `static_cast<float>` of the stored number or boolean (a double too large for a float
    /// becomes ±infinity).
    func cFloat() throws(ConversionError) -> Float {
        switch (kind, numberValue?.nlohmannValue) {
        case (.bool(let b), _): return b ? 1 : 0
        case (_, .integer(let v)?): return Float(v)
        case (_, .unsigned(let v)?): return Float(v)
        case (_, .double(let v)?): return Float(v)
        default: throw ConversionError(expected: "number", found: typeName)
        }
    }

    /// The string, or nlohmann's `type_error` 302.
    func cString() throws(ConversionError) -> String {
        guard case .string(let s) = kind else { throw ConversionError(expected: "string", found: typeName) }
        return s
    }
}

/// nlohmann's `type_error` 302: the value has the wrong JSON type.
struct ConversionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The type the conversion needed.
    var expected: String
    /// The type found.
    var found: String

    var description: String { "type must be \(expected), but is \(found)" }
}

extension JSONValue {
    /// nlohmann's `type_name()`, used in messages about wrong types.
    fileprivate var typeName: String {
        switch kind {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}
