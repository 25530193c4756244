/// Why a received line is not executed; it is answered with a bare `$NK^21` (no sequence id).
///
/// open_evse `doCmd()` and `tokenize()`. A rejected line is not a command: the firmware answers it and
/// does *not* run the `$AT` check that follows every executed command.
public struct RAPIRejection: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was wrong with the line.
    public enum Reason: Hashable, Sendable {
        /// `$` followed directly by CR (undefined in the firmware; treated as `$NK`).
        case emptyLine
        /// A space would have started an 11th token (open_evse ESRAPI_MAX_ARGS).
        case tooManyTokens
        /// The checksum after `^` or `*` does not match the line.
        case checksumMismatch(kind: RAPIChecksum.Kind, received: UInt8, computed: UInt8)
    }

    /// The rejected line.
    public var line: RAPILine
    /// What was wrong with it.
    public var reason: Reason

    /// A rejection of `line` for `reason`.
    public init(line: RAPILine, reason: Reason) {
        self.line = line
        self.reason = reason
    }

    /// The reply the firmware sends: `$NK^21`, never with a sequence id.
    public var reply: RAPIReply { .rejection }

    /// The line and the reason, e.g. `` `$GS^31` rejected: XOR checksum ^31, computed ^30 ``.
    public var description: String {
        let why: String
        switch reason {
        case .emptyLine:
            why = "empty line"
        case .tooManyTokens:
            why = "more than \(RAPITokenizer.maxTokens) tokens"
        case .checksumMismatch(let kind, let received, let computed):
            let marker = String(decoding: [kind.marker], as: UTF8.self)
            why =
                "\(kind == .xor ? "XOR" : "additive") checksum \(marker)\(RAPIFormat.upperHex2(received))"
                + " does not match the computed \(marker)\(RAPIFormat.upperHex2(computed))"
        }
        return "`\(line)` rejected: \(why)"
    }
}
