/// A command line as the receiver delivered it: the bytes after `$` up to, not including, CR.
public struct RAPILine: Hashable, Sendable, CustomStringConvertible {
    /// The bytes between `$` and CR, exactly as received (LF, NUL and 8-bit bytes included).
    public var bytes: [UInt8]

    /// The stale byte that sat in the firmware's input buffer just past the CR's terminator.
    ///
    /// Firmware `htou8()` reads two characters even when the first is the string's end, so a
    /// line ending in a bare `^`, `*` or `:` picks its value up from whatever an earlier line
    /// left there (open_evse `tokenize()` and `htou8()`). ``RAPILineReceiver`` tracks that byte; lines built
    /// by hand default to 0, which reads as "no digit".
    public var byteAfterTerminator: UInt8

    /// A line with the given content and stale byte.
    public init(bytes: [UInt8], byteAfterTerminator: UInt8 = 0) {
        self.bytes = bytes
        self.byteAfterTerminator = byteAfterTerminator
    }

    /// A line from text; `"GS^30"` and `"$GS^30"` are the same line (the `$` is not part of it).
    public init(_ text: String) {
        var bytes = Array(text.utf8)
        if bytes.first == UInt8(ascii: "$") { bytes.removeFirst() }
        self.init(bytes: bytes)
    }

    /// The line as it appeared on the wire, `$` included, non-printable bytes escaped.
    public var description: String { RAPIFormat.escaped([UInt8(ascii: "$")] + bytes) }
}
