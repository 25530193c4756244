import Scenario

/// Escaping for text and attribute values in the report's XHTML and SVG.
enum XMLText {
    /// `text` escaped for XML (JUnit's rules: control characters XML forbids become `?`).
    static func escape(_ text: String) -> String { JUnitReport.escape(text) }

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
