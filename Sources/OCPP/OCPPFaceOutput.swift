public import EVSEModel

/// What an ``OCPPFace`` produced, in order.
public enum OCPPFaceOutput: Hashable, Sendable {
    /// A frame for the CSMS. `action` is the call's action, or for a CALLRESULT/CALLERROR the
    /// action of the CSMS call it answers (nil when the call could not be read).
    case send(OCPPMessage, action: String?)
    /// A trace record.
    case record(TraceRecord)
}
