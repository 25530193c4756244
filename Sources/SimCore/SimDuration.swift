/// A span of simulated time, in whole nanoseconds.
///
/// Simulated time is integral so that two runs of the same scenario can never drift apart
/// through floating-point rounding.
public struct SimDuration: Hashable, Comparable, Sendable {
    /// The length in nanoseconds (may be negative).
    public var nanoseconds: Int64

    /// Creates a duration from nanoseconds.
    @inlinable public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    @inlinable public static var zero: SimDuration { SimDuration(nanoseconds: 0) }

    @inlinable public static func nanoseconds(_ n: Int64) -> SimDuration { SimDuration(nanoseconds: n) }
    public static func microseconds(_ n: Int64) -> SimDuration { SimDuration(nanoseconds: n * 1_000) }
    public static func milliseconds(_ n: Int64) -> SimDuration { SimDuration(nanoseconds: n * 1_000_000) }
    public static func seconds(_ n: Int64) -> SimDuration { SimDuration(nanoseconds: n * 1_000_000_000) }
    public static func minutes(_ n: Int64) -> SimDuration { .seconds(n * 60) }
    public static func hours(_ n: Int64) -> SimDuration { .seconds(n * 3_600) }

    /// A duration from fractional seconds, rounded to the nearest nanosecond.
    ///
    /// Used where physics computes a crossing time (for example when a battery reaches a
    /// breakpoint); rounding up by at most a nanosecond never makes an event early.
    public init(seconds s: Double) {
        guard s.isFinite else {
            self.init(nanoseconds: s > 0 ? .max : .min)
            return
        }
        let ns = (s * 1e9).rounded(.up)
        if ns >= 9.2e18 {
            self.init(nanoseconds: .max)
        } else if ns <= -9.2e18 {
            self.init(nanoseconds: .min)
        } else {
            self.init(nanoseconds: Int64(ns))
        }
    }

    /// The duration in (fractional) seconds.
    public var seconds: Double { Double(nanoseconds) / 1e9 }

    /// Whole seconds, truncated toward zero.
    public var wholeSeconds: Int64 { nanoseconds / 1_000_000_000 }

    public static func < (a: SimDuration, b: SimDuration) -> Bool { a.nanoseconds < b.nanoseconds }
    public static func + (a: SimDuration, b: SimDuration) -> SimDuration {
        SimDuration(nanoseconds: a.nanoseconds &+ b.nanoseconds)
    }
    public static func - (a: SimDuration, b: SimDuration) -> SimDuration {
        SimDuration(nanoseconds: a.nanoseconds &- b.nanoseconds)
    }
    public static func * (a: SimDuration, k: Int64) -> SimDuration { SimDuration(nanoseconds: a.nanoseconds * k) }
    public static func / (a: SimDuration, k: Int64) -> SimDuration { SimDuration(nanoseconds: a.nanoseconds / k) }
}

extension SimDuration: CustomStringConvertible {
    /// A compact human form such as `1h30m`, `2h5m7.25s` or `250ms`, accepted back by
    /// ``init(parsing:)``.
    public var description: String {
        if nanoseconds == 0 { return "0s" }
        let sign = nanoseconds < 0 ? "-" : ""
        let n = nanoseconds.magnitude
        if n < 1_000_000_000 {
            if n % 1_000_000 == 0 { return sign + "\(n / 1_000_000)ms" }
            if n % 1_000 == 0 { return sign + "\(n / 1_000)us" }
            return sign + "\(n)ns"
        }
        var out = sign
        let h = n / 3_600_000_000_000
        let m = n / 60_000_000_000 % 60
        let s = n / 1_000_000_000 % 60
        let frac = n % 1_000_000_000
        if h > 0 { out += "\(h)h" }
        if m > 0 { out += "\(m)m" }
        if s > 0 || frac > 0 {
            out += "\(s)"
            if frac > 0 {
                var digits = String(frac)
                digits = String(repeating: "0", count: 9 - digits.count) + digits
                while digits.hasSuffix("0") { digits.removeLast() }
                out += "." + digits
            }
            out += "s"
        }
        return out
    }
}

extension SimDuration {
    /// Why a duration string could not be read.
    public struct ParseError: Error, CustomStringConvertible, Sendable {
        /// The text that was given.
        public var text: String
        public var description: String {
            "'\(text)' is not a duration (expected e.g. 250ms, 10s, 5m, 1h30m, 1.5h)"
        }
    }

    /// Reads durations such as `250ms`, `10s`, `1.5h`, `1h30m`, `2d`.
    ///
    /// Units: `ns`, `us`, `ms`, `s`, `m`, `h`, `d`. A bare number is not accepted, so that
    /// `"10"` cannot silently mean ten nanoseconds or ten seconds.
    public init(parsing text: String) throws(ParseError) {
        let s = Substring(text.trimmingSpaces)
        guard !s.isEmpty else { throw ParseError(text: text) }
        var total: Int64 = 0
        var i = s.startIndex
        var sign: Int64 = 1
        if s[i] == "-" {
            sign = -1
            i = s.index(after: i)
        }
        var sawComponent = false
        while i < s.endIndex {
            let numStart = i
            while i < s.endIndex, s[i].isASCII, s[i].isNumber || s[i] == "." { i = s.index(after: i) }
            let number = s[numStart..<i]
            let unitStart = i
            while i < s.endIndex, s[i].isASCII, s[i].isLetter { i = s.index(after: i) }
            let unit = s[unitStart..<i]
            guard !number.isEmpty, let value = Double(number) else { throw ParseError(text: text) }
            let scale: Double
            switch unit {
            case "ns": scale = 1
            case "us", "µs": scale = 1e3
            case "ms": scale = 1e6
            case "s": scale = 1e9
            case "m", "min": scale = 60e9
            case "h": scale = 3600e9
            case "d": scale = 86400e9
            default: throw ParseError(text: text)
            }
            let ns = (value * scale).rounded()
            guard ns < 9.2e18 else { throw ParseError(text: text) }
            total += Int64(ns)
            sawComponent = true
        }
        guard sawComponent else { throw ParseError(text: text) }
        self.nanoseconds = sign * total
    }
}

extension String {
    var trimmingSpaces: Substring {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\n" || f == "\r" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\n" || l == "\r" { s = s.dropLast() }
        return s
    }
}
