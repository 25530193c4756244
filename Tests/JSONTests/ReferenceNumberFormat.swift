@testable import JSON

/// The nlohmann printing as it was before the inline formatter (shortest digits from
/// `Double.description` and string slicing): the reference the allocation-free
/// ``JSONNumberFormat/nlohmannText(_:)`` must match byte for byte.
enum ReferenceNumberFormat {
    static func nlohmann(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        let sign = value.sign == .minus ? "-" : ""
        guard value != 0 else { return sign + "0.0" }
        let (digits, n) = shortestDigits(value.magnitude)
        let k = digits.count
        if k <= n && n <= 15 {
            return sign + digits + String(repeating: "0", count: n - k) + ".0"
        }
        if 0 < n && n <= 15 {
            return sign + digits.prefix(n) + "." + digits.dropFirst(n)
        }
        if -4 < n && n <= 0 {
            return sign + "0." + String(repeating: "0", count: -n) + digits
        }
        let mantissa = k == 1 ? digits : digits.prefix(1) + "." + digits.dropFirst()
        let e = n - 1
        let magnitude = String(e.magnitude)
        return sign + mantissa + "e" + (e < 0 ? "-" : "+") + (magnitude.count < 2 ? "0" : "") + magnitude
    }

    /// Shortest round-trip decimal digits of a positive finite double and the position n of
    /// the decimal point (value = 0.digits × 10ⁿ), taken from Swift's own shortest printing.
    static func shortestDigits(_ value: Double) -> (digits: String, pointPosition: Int) {
        let text = value.description  // e.g. "223.5740509033203", "1e-05", "1.2345e+17"
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        let point = mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) }
        var digits = Array(mantissa.filter { $0 != "." })
        var position = (point ?? digits.count) + exponent
        while let first = digits.first, first == "0" {
            digits.removeFirst()
            position -= 1
        }
        while let last = digits.last, last == "0" { digits.removeLast() }
        return (String(digits), position)
    }

}
