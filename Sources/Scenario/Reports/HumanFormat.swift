import EVSEModel
import SimCore

/// Numbers and times at the precision a person reads on a terminal: `2h57m35.016s`, `11620.6`.
///
/// Verdicts keep their exact values (nanoseconds, every digit of a double) for the trace and
/// the JUnit report; only the lines `evsesim run` and `serve` print go through here.
public enum HumanFormat {
    /// Significant digits kept in a number with a fractional part.
    public static let significantDigits = 6

    /// A duration rounded to the millisecond (kept as is below one millisecond, so a tiny
    /// nonzero span does not read as `0s`).
    public static func duration(_ d: SimDuration) -> String {
        guard d.nanoseconds.magnitude >= 1_000_000 else { return "\(d)" }
        let ms = (Double(d.nanoseconds) / 1_000_000).rounded()
        return "\(SimDuration(nanoseconds: Int64(ms) * 1_000_000))"
    }

    /// `t+2h58m47.616s`.
    public static func instant(_ t: SimInstant) -> String { "t+" + duration(t.sinceStart) }

    /// `text` with every duration (`35.016221532s`, `16221532ns`) rounded to the millisecond and
    /// every decimal number (`11620.612345`) to ``significantDigits``; version strings such as
    /// `8.2.3`, whole numbers and words are left alone.
    public static func text(_ text: String) -> String {
        var out = ""
        var token = ""
        func flush() {
            guard !token.isEmpty else { return }
            // A sentence's full stop is not part of the number before it.
            var trailing = ""
            while token.hasSuffix(".") {
                token.removeLast()
                trailing += "."
            }
            out += rounded(token) + trailing
            token = ""
        }
        for ch in text {
            if ch.isASCII, ch.isLetter || ch.isNumber || ch == "." {
                token.append(ch)
            } else {
                flush()
                out.append(ch)
            }
        }
        flush()
        return out
    }

    /// One token rounded, or as it was when it is neither a duration nor a decimal number.
    static func rounded(_ token: String) -> String {
        guard let first = token.first, first.isNumber else { return token }
        let isDecimal = token.allSatisfy { $0.isNumber || $0 == "." } && token.filter { $0 == "." }.count == 1
        if isDecimal, let x = Double(token) { return number(x) }
        let needsRounding = token.contains(".") || token.hasSuffix("us") || token.hasSuffix("ns")
        if needsRounding, token.last?.isLetter == true, let d = try? SimDuration(parsing: token) {
            return duration(d)
        }
        return token
    }

    /// `x` with ``significantDigits`` significant digits, without a needless `.0`.
    public static func number(_ x: Double) -> String {
        guard x.isFinite, x != 0 else { return ConditionValue.number(x).description }
        var digitsBeforePoint = 0
        var scale = x.magnitude
        while scale >= 1 {
            scale /= 10
            digitsBeforePoint += 1
        }
        while scale < 0.1 {
            scale *= 10
            digitsBeforePoint -= 1
        }
        let decimals = significantDigits - digitsBeforePoint
        guard decimals > 0 else { return ConditionValue.number(x.rounded()).description }
        guard decimals <= 15 else { return ConditionValue.number(x).description }
        var power = 1.0
        for _ in 0..<decimals { power *= 10 }
        return ConditionValue.number((x * power).rounded() / power).description
    }
}
