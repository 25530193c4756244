/// What `evsesim console` does to text, without I/O: a typed command becomes a framed RAPI
/// line, and bytes from the controller become lines to show.
///
/// A person types `GS`, `$SC 16`, `sc 16` or `$GS^30`: the `$` is added when missing, the
/// two-letter command is upper-cased (the firmware's command letters are upper case,
/// open_evse `rapi_proc.cpp`), and the XOR checksum and CR are appended unless a checksum
/// (`^xx` or `*xx`) was typed, which is sent as written so a wrong one can be tried on purpose.
public struct RAPIConsoleText: Sendable {
    private var pending: [UInt8] = []

    /// An empty splitter.
    public init() {}

    /// The bytes to send for a typed line, or nil for a blank one.
    public static func frame(_ typed: String) -> [UInt8]? {
        var text = Substring(typed)
        while let c = text.last, c == "\r" || c == "\n" || c == " " || c == "\t" { text = text.dropLast() }
        while let c = text.first, c == " " || c == "\t" { text = text.dropFirst() }
        if text.first == "$" { text = text.dropFirst() }
        guard !text.isEmpty else { return nil }
        let command = text.prefix(2).uppercased()
        let body = Array(("$" + command + text.dropFirst(2)).utf8)
        if body.contains(UInt8(ascii: "^")) || body.contains(UInt8(ascii: "*")) { return body + [0x0D] }
        return RAPIFormat.framed(body)
    }

    /// Adds bytes read from the controller; returns the lines they complete (CR ends a line,
    /// LF is dropped), without their terminators.
    public mutating func lines(adding bytes: [UInt8]) -> [String] {
        var out: [String] = []
        for byte in bytes {
            switch byte {
            case 0x0D:
                out.append(RAPIFormat.escaped(pending))
                pending.removeAll()
            case 0x0A:
                continue
            default:
                pending.append(byte)
            }
        }
        return out
    }

    /// What is left of an unfinished line (shown when the console stops).
    public var unfinished: String? { pending.isEmpty ? nil : RAPIFormat.escaped(pending) }
}
