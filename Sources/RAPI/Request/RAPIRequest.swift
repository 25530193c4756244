/// A command line that passed the firmware's framing checks: command, arguments, sequence id.
///
/// open_evse `tokenize()` and `processCmd()`. What is *not* checked here is everything command-specific (argument
/// counts, values, availability): that is the executor's job, which answers `$NK` through
/// ``reply(_:_:)`` so the sequence id is echoed.
public struct RAPIRequest: Hashable, Sendable, CustomStringConvertible {
    /// The command: the first two characters of the first token.
    public var command: RAPICommandCode
    /// The first token in full (`GSX` for `$GSX`), for traces.
    public var commandToken: RAPIToken
    /// The arguments after the command, sequence-id token removed. May contain empty tokens.
    public var arguments: [RAPIToken]
    /// The sequence id to echo in the reply, or nil (none given, or invalid: `:00`, `:zz`).
    public var sequenceID: UInt8?
    /// The checksum the line carried, or nil when it had none (accepted by the firmware).
    public var checksum: RAPIChecksum.Kind?

    /// A request built directly (scenarios, tests).
    public init(
        command: RAPICommandCode,
        arguments: [RAPIToken] = [],
        sequenceID: UInt8? = nil,
        checksum: RAPIChecksum.Kind? = nil
    ) {
        self.command = command
        self.commandToken = RAPIToken(bytes: [command.first, command.second].filter { $0 != 0 })
        self.arguments = arguments
        self.sequenceID = sequenceID == 0 ? nil : sequenceID
        self.checksum = checksum
    }

    /// Parses a received line exactly as the firmware's `tokenize()` and `processCmd()` prologue.
    ///
    /// - Tokens are split on single spaces; two spaces make an empty token. The byte right after
    ///   `$` is always part of the command token, even if it is a space or a marker.
    /// - Scanning stops at the first `^` or `*` (checksum: at most 2 hex digits, either case,
    ///   an invalid digit reads as 0, anything after is ignored) or at an embedded NUL (which
    ///   ends the C string: the rest of the line is ignored, including any checksum).
    /// - A space that would start an 11th token rejects the line.
    /// - When there is more than one token and the last starts with `:`, it is the sequence id,
    ///   read with the same 2-digit hex rule, and removed from the arguments; 0 means none.
    ///
    /// - Throws: ``RAPIRejection`` when the firmware would answer a bare `$NK`.
    public init(line: RAPILine) throws(RAPIRejection) {
        guard !line.bytes.isEmpty else { throw RAPIRejection(line: line, reason: .emptyLine) }
        var buffer = [UInt8(ascii: "$")] + line.bytes + [0, line.byteAfterTerminator]
        let scan = RAPITokenizer.tokenize(&buffer)
        if scan.tooManyTokens { throw RAPIRejection(line: line, reason: .tooManyTokens) }
        if let kind = scan.checksum, !scan.accepted {
            let computed = kind == .xor ? scan.computedXOR : scan.computedAdditive
            throw RAPIRejection(
                line: line, reason: .checksumMismatch(kind: kind, received: scan.received, computed: computed))
        }

        var starts = scan.tokenStarts
        var sequenceID: UInt8 = 0
        if starts.count > 1, let last = starts.last, buffer[last] == UInt8(ascii: ":") {
            // Reads the scribbled buffer, so `:` right before `^` takes the checksum digits.
            sequenceID = RAPIChecksum.firmwareHexValue(buffer[last + 1], buffer[last + 2])
            starts.removeLast()
        }
        let tokens = starts.map { RAPIToken(bytes: RAPITokenizer.cString(in: buffer, from: $0)) }
        let first = buffer[1]
        self.command = RAPICommandCode(first: first, second: first == 0 ? 0 : buffer[2])
        self.commandToken = tokens[0]
        self.arguments = Array(tokens.dropFirst())
        self.sequenceID = sequenceID == 0 ? nil : sequenceID
        self.checksum = scan.checksum
    }

    /// Parses `line` into a request or the rejection to answer with `$NK^21`.
    public static func parse(_ line: RAPILine) -> Result<RAPIRequest, RAPIRejection> {
        Result { () throws(RAPIRejection) in try RAPIRequest(line: line) }
    }

    /// The firmware's `tokenCnt` after the sequence id is removed: command plus arguments. The
    /// per-command argument checks compare against this (e.g. `$SC` needs 2 or 3).
    public var tokenCount: Int { arguments.count + 1 }

    /// A reply to this request, echoing its sequence id.
    public func reply(_ status: RAPIReply.Status, _ parameters: String? = nil) -> RAPIReply {
        RAPIReply(status, parameters: parameters, sequenceID: sequenceID)
    }

    /// A reply to this request with raw parameter bytes (e.g. the AVR `$GI` form).
    public func reply(_ status: RAPIReply.Status, parameterBytes: [UInt8]?) -> RAPIReply {
        RAPIReply(status, parameterBytes: parameterBytes, sequenceID: sequenceID)
    }

    /// The request in wire-like form without checksum, e.g. `$SC 16 V :12`.
    public var description: String {
        var text = "$" + commandToken.description
        for argument in arguments { text += " " + argument.description }
        if let sequenceID { text += " :" + RAPIFormat.upperHex2(sequenceID) }
        return text
    }
}
