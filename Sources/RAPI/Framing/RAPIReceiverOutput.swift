/// One thing the line receiver produced, in wire order.
public enum RAPIReceiverOutput: Hashable, Sendable {
    /// Bytes to write straight back to the host (echo mode, reference/rapi.md §2.6). Consecutive
    /// echo bytes from one batch are coalesced.
    case echo([UInt8])
    /// A complete command line: the bytes between `$` and CR. Parse it with
    /// ``RAPIRequest/init(line:)``; either way it gets exactly one reply.
    case line(RAPILine)
    /// A line that outgrew the input buffer and was discarded. See
    /// ``RAPIOverlongLine/requiresReply``: by default the firmware answers nothing at all.
    case overlong(RAPIOverlongLine)
}

/// A command line as the receiver delivered it: the bytes after `$` up to, not including, CR.
public struct RAPILine: Hashable, Sendable, CustomStringConvertible {
    /// The bytes between `$` and CR, exactly as received (LF, NUL and 8-bit bytes included).
    public var bytes: [UInt8]

    /// The stale byte that sat in the firmware's input buffer just past the CR's terminator.
    ///
    /// Firmware `htou8()` reads two characters even when the first is the string's end, so a
    /// line ending in a bare `^`, `*` or `:` picks its value up from whatever an earlier line
    /// left there (reference/rapi.md §2.3). ``RAPILineReceiver`` tracks that byte; lines built
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

/// A line the receiver discarded because it did not fit the input buffer (reference/rapi.md §2.2).
public struct RAPIOverlongLine: Hashable, Sendable, CustomStringConvertible {
    /// The bytes after `$` that fit in the buffer before it overflowed.
    public var prefix: [UInt8]

    /// Whether this drop must be answered with a bare `$NK`.
    ///
    /// Always false with the firmware's behaviour (the client times out). With the
    /// `silentOverlongDrop` quirk switched off the receiver reports the drop when the line's CR
    /// arrives, with this set, so that the client gets a `$NK` in order.
    public var requiresReply: Bool

    /// A dropped line with the bytes that fitted.
    public init(prefix: [UInt8], requiresReply: Bool) {
        self.prefix = prefix
        self.requiresReply = requiresReply
    }

    /// The reply owed for this drop, if any.
    public var reply: RAPIReply? { requiresReply ? .rejection : nil }

    /// The kept part of the line and what happened to it.
    public var description: String {
        "overlong line dropped after \(RAPIFormat.escaped([UInt8(ascii: "$")] + prefix))…"
            + (requiresReply ? " (answered $NK)" : " (no reply)")
    }
}
