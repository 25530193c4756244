/// A line the receiver discarded because it did not fit the input buffer (open_evse `EvseRapiProcessor::doCmd()`).
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
