/// The shortest round-trip decimal digits of a positive finite double and the position n of
/// the decimal point (value = 0.d₁d₂… × 10ⁿ), read from the standard library's own shortest
/// printing without allocating: `Double.write(to:)` hands its stack buffer to
/// ``_writeASCII(_:)``, and the digits are parsed out of it in place.
struct ShortestDigits: TextOutputStream {
    /// The significant digits as ASCII, without leading or trailing zeros.
    private(set) var digits = InlineASCII()
    /// Where the decimal point goes (value = 0.digits × 10ⁿ).
    private(set) var pointPosition = 0

    /// The digits of `value`, which must be positive and finite.
    init(_ value: Double) {
        value.write(to: &self)
    }

    /// The digit `index` as ASCII.
    subscript(index: Int) -> UInt8 { digits[index] }

    /// How many significant digits.
    var count: Int { digits.count }

    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) { parse(buffer) }

    mutating func write(_ string: String) {
        var copy = string
        copy.withUTF8 { parse($0) }
    }

    /// Parses `223.5740509033203`, `1e-05`, `1.2345e+17`, `100.0`.
    private mutating func parse(_ text: UnsafeBufferPointer<UInt8>) {
        var mantissa = InlineASCII()
        var beforePoint: Int?
        var exponent = 0
        var exponentSign = 1
        var inExponent = false
        for byte in text {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if inExponent {
                    exponent = exponent * 10 + Int(byte - UInt8(ascii: "0"))
                } else {
                    mantissa.append(byte)
                }
            case UInt8(ascii: "."): beforePoint = mantissa.count
            case UInt8(ascii: "e"), UInt8(ascii: "E"): inExponent = true
            case UInt8(ascii: "-"): if inExponent { exponentSign = -1 }
            default: break
            }
        }
        var position = (beforePoint ?? mantissa.count) + exponentSign * exponent
        var start = 0
        while start < mantissa.count, mantissa[start] == UInt8(ascii: "0") {
            start += 1
            position -= 1
        }
        var end = mantissa.count
        while end > start, mantissa[end - 1] == UInt8(ascii: "0") { end -= 1 }
        digits = InlineASCII()
        for i in start..<end { digits.append(mantissa[i]) }
        pointPosition = position
    }
}
