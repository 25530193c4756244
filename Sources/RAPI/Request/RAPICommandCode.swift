/// The two characters that select a command: `GS` in `$GS^30`.
///
/// open_evse `processCmd()`: only the first two characters after `$` are examined (`$GSX` is
/// `$GS`), case-sensitively. A line whose first token is shorter has NUL (0) in the missing
/// places, which matches no command.
public struct RAPICommandCode: Hashable, Sendable, Comparable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The first character (the group: `F`, `S`, `G`, `T`, `Z`), or 0.
    public var first: UInt8
    /// The second character, or 0.
    public var second: UInt8

    /// A code from its two bytes.
    public init(first: UInt8, second: UInt8) {
        self.first = first
        self.second = second
    }

    /// A code from text such as `"GS"`; missing characters become 0 and extra ones are ignored,
    /// as in the firmware.
    public init(_ text: String) {
        let bytes = Array(text.utf8)
        first = bytes.first ?? 0
        second = bytes.count > 1 && first != 0 ? bytes[1] : 0
    }

    /// A code literal such as `"GS"`.
    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// The two characters, with NUL and non-printable bytes escaped.
    public var description: String {
        RAPIFormat.escaped([first, second].filter { $0 != 0 })
    }

    /// Orders codes as the reference lists them within a group: digits before letters.
    public static func < (lhs: RAPICommandCode, rhs: RAPICommandCode) -> Bool {
        (lhs.first, lhs.second) < (rhs.first, rhs.second)
    }
}
