/// One thing the line receiver produced, in wire order.
public enum RAPIReceiverOutput: Hashable, Sendable {
    /// Bytes to write straight back to the host (echo mode, open_evse `EvseRapiProcessor::doCmd()`). Consecutive
    /// echo bytes from one batch are coalesced.
    case echo([UInt8])
    /// A complete command line: the bytes between `$` and CR. Parse it with
    /// ``RAPIRequest/init(line:)``; either way it gets exactly one reply.
    case line(RAPILine)
    /// A line that outgrew the input buffer and was discarded. See
    /// ``RAPIOverlongLine/requiresReply``: by default the firmware answers nothing at all.
    case overlong(RAPIOverlongLine)
}
