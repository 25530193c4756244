/// Escaping for text and attribute values in the report's XHTML and SVG.
enum XMLText {
    /// `text` with `&`, `<`, `>`, `"` and `'` escaped, and control characters (which XML does
    /// not allow) shown as `\u{…}`.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value) || scalar.value == 0xFFFE
                    || scalar.value == 0xFFFF
                {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// A pixel coordinate with at most one decimal (`12`, `12.5`): enough for a screen, and
    /// short, which keeps a week's chart small.
    static func px(_ v: Double) -> String {
        let tenths = (v * 10).rounded()
        let whole = Int64(tenths / 10)
        let frac = Int64(abs(tenths.truncatingRemainder(dividingBy: 10)))
        if frac == 0 { return String(Int64(tenths) / 10) }
        return (tenths < 0 && whole == 0 ? "-" : "") + "\(whole).\(frac)"
    }

    /// A value for an axis label: up to three significant decimals, no trailing zeros.
    static func number(_ v: Double) -> String {
        let r = (v * 1000).rounded() / 1000
        if r == r.rounded() { return String(Int64(r)) }
        var s = String(r)
        if s.contains("e") { s = String(format3: r) }
        return s
    }
}

extension String {
    /// Three decimals without Foundation.
    init(format3 v: Double) {
        let m = Int64((abs(v) * 1000).rounded())
        let frac = String(m % 1000)
        self = (v < 0 ? "-" : "") + "\(m / 1000)." + String(repeating: "0", count: 3 - frac.count) + frac
    }
}
