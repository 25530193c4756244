/// One write the RAPI face asks the transport to make: a whole reply, one async message, echoed
/// bytes or a non-RAPI text line.
///
/// OpenEVSE_Lib `RapiSender::loop()`: the ESP32 gateway reads a line for at most 20 ms, so every line must
/// reach the pty in a single write. Writes come out in wire order.
public struct RAPIFaceWrite: Hashable, Sendable, CustomStringConvertible {
    /// What a write carries.
    public enum Kind: String, Hashable, Sendable {
        /// The reply to a command line (`$OK …` / `$NK …`), LF included in echo mode.
        case reply
        /// An unsolicited message (`$AT`, `$AB`).
        case async
        /// Received bytes written straight back (echo mode, open_evse `doCmd()`).
        case echo
        /// Text that is not a RAPI line (`\nZ0 a b\r\n` before the `$Z0` reply).
        case text
    }

    /// What this write carries.
    public var kind: Kind
    /// The bytes, exactly as they go on the wire.
    public var bytes: [UInt8]

    /// A write of `bytes`.
    public init(_ kind: Kind, _ bytes: [UInt8]) {
        self.kind = kind
        self.bytes = bytes
    }

    /// The bytes with escapes, e.g. `$OK^20\r`.
    public var text: String { RAPIFormat.escaped(bytes) }

    /// The kind and the escaped bytes, e.g. `reply $OK^20\r`.
    public var description: String { "\(kind.rawValue) \(text)" }
}
