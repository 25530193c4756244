/// One space-separated argument of a command line, as raw bytes.
///
/// Arguments are 8-bit: clients put bytes such as 0xFE inside `$FP` text (WiFi gateway `lcd.cpp`),
/// so a token is bytes first. ``text`` decodes them one byte per character (ISO 8859-1), which
/// loses nothing. Two consecutive spaces make an empty token.
public struct RAPIToken: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The token's bytes (never containing space or NUL when produced by the tokenizer).
    public var bytes: [UInt8]

    /// A token from its bytes.
    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// A token from text (UTF-8 encoded).
    public init(_ text: String) {
        self.bytes = Array(text.utf8)
    }

    /// A token literal such as `"V"`.
    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// The first byte, or 0 for an empty token: what firmware code reading `*tokens[i]` sees.
    /// Many commands look at nothing else (`$SC n M`, `$FF id v`, `$SL 1|2|A`, `$S5 A|M|0|1`).
    public var firstByte: UInt8 { bytes.first ?? 0 }

    /// The bytes as text, one character per byte (lossless).
    public var text: String {
        String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }

    /// The 8.2.3 firmware's value of this token (`dtou32`, see ``RAPINumberParser``).
    public var unsignedDecimal: UInt32 { RAPINumberParser.dtou32(bytes) }

    /// The D9 firmware's value of this token (`dtoi32`, see ``RAPINumberParser``).
    public var signedDecimal: Int32 { RAPINumberParser.dtoi32(bytes) }

    /// This token's value under `parser`, as the firmware's 32-bit result.
    public func decimal(using parser: RAPINumberParser) -> UInt32 {
        parser.parse(bytes)
    }

    /// The token with non-printable bytes escaped.
    public var description: String { RAPIFormat.escaped(bytes) }
}
