/// A reply to one command: `$OK`/`$NK`, optional parameters, optional sequence id, XOR checksum.
///
/// open_evse `EvseRapiProcessor::response()`: `$OK` or `$NK`; when the command produced
/// text, a space and the text; when the command carried a valid sequence id, ` :SS` in
/// upper-case hex; then `^XX` (upper-case XOR of everything before `^`) and CR; plus LF only
/// while echo mode is on. A bare reply has no space: `$OK^20\r`.
public struct RAPIReply: Hashable, Sendable, CustomStringConvertible {
    /// Success or failure.
    public enum Status: String, Hashable, Sendable, Codable {
        /// `$OK`
        case ok = "OK"
        /// `$NK`
        case nk = "NK"
    }

    /// `$OK` or `$NK`.
    public var status: Status
    /// The parameter text, or nil for a bare reply. The firmware copies it as a C string, so
    /// encoding stops at a NUL. An empty array still produces the separating space.
    public var parameters: [UInt8]?
    /// The sequence id to echo; nil and 0 both mean none (0 is the firmware's "invalid").
    public var sequenceID: UInt8?

    /// A reply with text parameters (e.g. `"01 0 01 0200"`).
    public init(_ status: Status, parameters: String? = nil, sequenceID: UInt8? = nil) {
        self.init(status, parameterBytes: parameters.map { Array($0.utf8) }, sequenceID: sequenceID)
    }

    /// A reply with raw parameter bytes (for 8-bit text such as the AVR `$GI` id).
    public init(_ status: Status, parameterBytes: [UInt8]?, sequenceID: UInt8? = nil) {
        self.status = status
        self.parameters = parameterBytes
        self.sequenceID = sequenceID
    }

    /// The answer to a rejected (or overlong, when answered) line: `$NK^21`.
    public static let rejection = RAPIReply(.nk)

    /// The bytes before `^`: `$`, status, parameters and sequence id.
    public var body: [UInt8] {
        var bytes = [UInt8(ascii: "$")] + Array(status.rawValue.utf8)
        if let parameters {
            bytes.append(UInt8(ascii: " "))
            bytes += parameters.prefix { $0 != 0 }
        }
        if let sequenceID, sequenceID != 0 {
            bytes += Array(" :\(RAPIFormat.upperHex2(sequenceID))".utf8)
        }
        return bytes
    }

    /// The reply on the wire; `echo` appends the LF the firmware adds in echo mode.
    ///
    /// The firmware sets the echo flag while executing `$FF E`, before replying, so the reply
    /// to `$FF E x` itself already ends in LF (open_evse `processCmd()`, case `FF E`).
    public func encoded(echo: Bool = false) -> [UInt8] {
        RAPIFormat.framed(body) + (echo ? [0x0A] : [])
    }

    /// The reply with escapes, e.g. `$OK 16 :12^16\r`.
    public var description: String { RAPIFormat.escaped(encoded()) }
}
