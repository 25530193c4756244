/// The exact field formats the firmware prints (open_evse `EvseRapiProcessor::processCmd()`, `response()`).
///
/// Lower-case hex for state, pilot, flags and counters; upper-case hex only for checksums,
/// sequence ids and the hex part of `$GI`; decimal everywhere else.
public enum RAPIFormat {
    private static let lowerDigits = Array("0123456789abcdef".utf8)
    private static let upperDigits = Array("0123456789ABCDEF".utf8)

    /// `%02x`: two lower-case hex digits (`$GS`/`$AT` state and pilot, `$AB` post code).
    public static func hex2(_ value: UInt8) -> String {
        String(decoding: [lowerDigits[Int(value >> 4)], lowerDigits[Int(value & 0xF)]], as: UTF8.self)
    }

    /// `%04x`: four lower-case hex digits (`$GS`/`$AT` vflags, `$GE` flags).
    public static func hex4(_ value: UInt16) -> String {
        hex2(UInt8(value >> 8)) + hex2(UInt8(value & 0xFF))
    }

    /// `%x`: lower-case hex without padding (`$GF` trip counters: `0`, `a`, `fe`).
    public static func hex(_ value: UInt32) -> String {
        String(value, radix: 16)
    }

    /// `%02X`: two upper-case hex digits (checksums, echoed sequence ids).
    public static func upperHex2(_ value: UInt8) -> String {
        String(decoding: [upperDigits[Int(value >> 4)], upperDigits[Int(value & 0xF)]], as: UTF8.self)
    }

    /// The AVR `$GI` parameter text: a space, the first 6 id bytes raw, the rest as `%02X`.
    ///
    /// The firmware writes the leading space into the parameter text itself, so the reply reads
    /// `$OK  <6 raw bytes><8 hex digits>` with two spaces (`processCmd()`, case `GI`). The raw bytes
    /// are 8-bit, hence the byte array; pass it to ``RAPIRequest/reply(_:parameterBytes:)``.
    public static func mcuIDAVR(_ id: [UInt8]) -> [UInt8] {
        [UInt8(ascii: " ")] + id.prefix(6) + Array(id.dropFirst(6).map(upperHex2).joined().utf8)
    }

    /// The SAMD `$GI` parameter text: every id byte as `%02X` (32 digits for 16 bytes).
    public static func mcuIDHex(_ id: [UInt8]) -> String {
        id.map(upperHex2).joined()
    }

    /// `body` + `^` + upper-case XOR of `body` + CR: firmware `appendChk()`.
    public static func framed(_ body: [UInt8]) -> [UInt8] {
        body + Array("^\(upperHex2(RAPIChecksum.xor(body)))".utf8) + [0x0D]
    }

    /// Bytes as readable text: printable ASCII as is, `\r`, `\n`, `\0`, others as `\xHH`.
    public static func escaped(_ bytes: some Sequence<UInt8>) -> String {
        var text = ""
        for byte in bytes {
            switch byte {
            case 0x0D: text += "\\r"
            case 0x0A: text += "\\n"
            case 0x00: text += "\\0"
            case UInt8(ascii: "\\"): text += "\\\\"
            case 0x20...0x7E: text.unicodeScalars.append(Unicode.Scalar(byte))
            default: text += "\\x" + upperHex2(byte)
            }
        }
        return text
    }
}
