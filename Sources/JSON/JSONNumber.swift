/// A JSON number, kept as its text: as written for parsed numbers, in the chosen printing
/// style for numbers built in code.
///
/// Keeping the text means a seed such as `18446744073709551615` survives exactly (a `Double`
/// would round it), a payload re-serialised for MQTT carries the digits the author wrote, and
/// the writer prints every number exactly as its maker decided.
public struct JSONNumber: Sendable, CustomStringConvertible {
    /// The number as written, e.g. `-0.5`, `7`, `1e3`.
    public private(set) var text: String

    /// Wraps text that is already known to follow the JSON number grammar (the parser's case).
    init(validatedText text: String) { self.text = text }

    /// A number from an integer.
    public init(_ value: Int64) { self.text = String(value) }

    /// A number from an unsigned integer.
    public init(_ value: UInt64) { self.text = String(value) }

    /// A number from a finite double; `nil` for infinities and NaN, which JSON cannot carry.
    public init?(_ value: Double) {
        guard value.isFinite else { return nil }
        if value == value.rounded(), abs(value) < 1e15 {
            self.text = String(Int64(value))
        } else {
            self.text = String(value)
        }
    }

    /// A double printed like nlohmann `dump()`: shortest round-trip digits, `.0` on integral
    /// values, exponent form outside 1e-5…1e15, and `null` (not a number) for NaN and infinities,
    /// as nlohmann writes them.
    public static func nlohmann(_ value: Double) -> JSONNumber {
        JSONNumber(validatedText: JSONNumberFormat.nlohmann(value))
    }

    /// A double printed fixed-point with `decimals` digits after the point, correctly rounded
    /// from the exact binary value, like rapidyaml's `fmt::real` (`%.*f`); non-finite values
    /// print `nan`/`inf` as printf does.
    public static func fixed(_ value: Double, decimals: Int) -> JSONNumber {
        JSONNumber(validatedText: JSONNumberFormat.fixed(value, decimals: decimals))
    }

    /// The text has neither a fraction nor an exponent.
    public var isIntegerLiteral: Bool {
        !text.utf8.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
    }

    /// The value as a double (rounded to the nearest representable value).
    public var doubleValue: Double { Double(text) ?? .nan }

    /// The value as a signed 64-bit integer, if it is a whole number in range.
    ///
    /// `7` and `7.0` and `7e0` all give 7; `7.5` and `1e30` give `nil`.
    public var int64Value: Int64? {
        if isIntegerLiteral { return Int64(text) }
        let d = doubleValue
        guard d == d.rounded(), abs(d) <= 9_007_199_254_740_992 else { return nil }
        return Int64(d)
    }

    /// The value as an unsigned 64-bit integer, if it is a non-negative whole number in range.
    public var uint64Value: UInt64? {
        if isIntegerLiteral { return text == "-0" ? 0 : UInt64(text) }
        let d = doubleValue
        guard d == d.rounded(), d >= 0, d <= 9_007_199_254_740_992 else { return nil }
        return UInt64(d)
    }

    /// The text as written.
    public var description: String { text }

    /// How nlohmann `json::parse` stores a number.
    public enum NlohmannValue: Hashable, Sendable {
        /// A negative integer that fits 64 bits (and `-0`).
        case integer(Int64)
        /// A non-negative integer that fits 64 bits.
        case unsigned(UInt64)
        /// Anything else, converted by `strtod`.
        case double(Double)
    }

    /// The number as nlohmann classifies it: integers without fraction or exponent that fit
    /// 64 bits stay integers (unsigned unless negative), everything else becomes a double.
    public var nlohmannValue: NlohmannValue {
        if isIntegerLiteral {
            if text.utf8.first == UInt8(ascii: "-") {
                if let v = Int64(text) { return .integer(v) }
            } else if let v = UInt64(text) {
                return .unsigned(v)
            }
        }
        return .double(doubleValue)
    }
}

extension JSONNumber: Hashable {
    /// Numbers are equal when they denote the same value: `1`, `1.0` and `1e0` are equal.
    public static func == (a: JSONNumber, b: JSONNumber) -> Bool {
        if let x = a.int64Value, let y = b.int64Value { return x == y }
        if a.isIntegerLiteral, b.isIntegerLiteral, a.uint64Value != nil || b.uint64Value != nil {
            return a.uint64Value == b.uint64Value
        }
        return a.doubleValue == b.doubleValue
    }

    /// Hashes the double value, which equal numbers always share.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(doubleValue)
    }
}
