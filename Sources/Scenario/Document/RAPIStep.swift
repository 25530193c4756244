/// `{"rapi": "$GS", "expect": "$OK 02 *", "expectAsync": ["$AT 02 02 32 *"]}`: a line sent into
/// the RAPI face, with the replies it must produce.
public struct RAPIStep: Hashable, Sendable {
    /// The line as sent, without the terminating CR.
    public var line: String
    /// The reply lines, in order; empty when the reply is not checked.
    public var expect: [LinePattern]
    /// Asynchronous lines (`$AT`, `$AB`) that must follow, in order.
    public var expectAsync: [LinePattern]
    /// `"expect": []`: the line must get no reply at all (an overlong line, `$FR`, a dropped reply).
    public var expectsNoReply = false

    /// Creates a RAPI step.
    public init(line: String, expect: [LinePattern] = [], expectAsync: [LinePattern] = []) {
        self.line = line
        self.expect = expect
        self.expectAsync = expectAsync
    }
}

/// A line with `*` wildcards, each matching any run of characters (possibly empty).
///
/// Nothing else is special, so `$OK 02 *` and `^` checksums read as written.
public struct LinePattern: Hashable, Sendable, CustomStringConvertible {
    /// The pattern as written.
    public var text: String

    /// Creates a pattern.
    public init(_ text: String) { self.text = text }

    /// The pattern as written.
    public var description: String { text }

    /// Whether the whole of `line` matches.
    public func matches(_ line: String) -> Bool {
        let p = Array(text.unicodeScalars)
        let s = Array(line.unicodeScalars)
        var pi = 0
        var si = 0
        // Greedy match with one backtrack point (the last `*`): linear enough for short lines.
        var star: Int?
        var starMatch = 0
        while si < s.count {
            if pi < p.count, p[pi] != "*", p[pi] == s[si] {
                pi += 1
                si += 1
            } else if pi < p.count, p[pi] == "*" {
                star = pi
                starMatch = si
                pi += 1
            } else if let star {
                pi = star + 1
                starMatch += 1
                si = starMatch
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
