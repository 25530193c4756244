public import EVSEModel

/// What an ``OCPPFace`` produced, in order.
public enum OCPPFaceOutput: Hashable, Sendable {
    /// A frame for the CSMS. `action` is the call's action, or for a CALLRESULT/CALLERROR the
    /// action of the CSMS call it answers (nil when the call could not be read).
    case send(OCPPMessage, action: String?)
    /// A trace record.
    case record(TraceRecord)
    /// The charge point closes its connection (`open` false: the station lost power, as a real
    /// charger's network goes with it) or opens it again (power is back); the driver closes or
    /// reopens its WebSocket and reports the new connection with ``OCPPFace/connectionChanged(_:station:)``.
    case connection(open: Bool)
}
