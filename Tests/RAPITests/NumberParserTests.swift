import EVSEModel
import Testing

@testable import RAPI

/// open_evse `dtou32()` (D9: `dtoi32()`): no validation at all.
@Suite struct NumberParserTests {
    /// (token, 8.2.3 `dtou32` result).
    static let unsignedCases: [(String, UInt32)] = [
        ("16", 16),
        ("0", 0),
        ("", 0),
        ("007", 7),
        ("4294967295", 4_294_967_295),
        ("4294967296", 0),  // wraps modulo 2^32
        ("1A", 27),  // 'A' - '0' = 17: 1·10 + 17
        ("V", 38),  // 'V' - '0' = 38
        ("-5", UInt32(bitPattern: -25)),  // '-' - '0' = -3: -3·10 + 5
        (" 1", UInt32(bitPattern: -160 + 1)),  // ' ' - '0' = -16
    ]

    @Test("8.2.3 dtou32", arguments: unsignedCases)
    func unsignedParser(token: String, value: UInt32) {
        #expect(RAPIToken(token).unsignedDecimal == value)
        #expect(RAPINumberParser.unsigned.parse(token.bytes) == value)
    }

    @Test("8-bit bytes count as negative AVR chars")
    func signedCharBytes() {
        // (signed char)0xFE = -2; -2 - 48 = -50.
        #expect(RAPINumberParser.dtou32([0xFE]) == UInt32(bitPattern: -50))
        #expect(RAPINumberParser.dtou32([UInt8(ascii: "1"), 0xFE]) == UInt32(bitPattern: 10 - 50))
    }

    @Test("parsing stops at NUL, as a C string does")
    func stopsAtNul() {
        #expect(RAPINumberParser.dtou32([UInt8(ascii: "4"), 0, UInt8(ascii: "2")]) == 4)
    }

    /// (token, D9 `dtoi32` result).
    static let signedCases: [(String, Int32)] = [
        ("16", 16),
        ("-5", -5),
        ("-0", 0),
        ("", 0),
        ("-", 0),
        ("--5", 25),  // second '-' is a digit worth -3: -(−3·10 + 5)
        ("1A", 27),
        ("2147483647", Int32.max),
        ("2147483648", Int32.min),  // wraps
        ("-2147483648", Int32.min),
    ]

    @Test("D9 dtoi32", arguments: signedCases)
    func signedParser(token: String, value: Int32) {
        #expect(RAPIToken(token).signedDecimal == value)
        #expect(RAPINumberParser.signed.parse(token.bytes) == UInt32(bitPattern: value))
    }

    @Test("what commands then do with the value: truncation to a byte")
    func truncation() {
        // `$SC 256` on 8.2.3: u2.u8 = dtou32("256") = 0.
        #expect(UInt8(truncatingIfNeeded: RAPIToken("256").unsignedDecimal) == 0)
        #expect(UInt8(truncatingIfNeeded: RAPIToken("-1").decimal(using: .signed)) == 255)
    }

    @Test("each firmware uses its own parser")
    func firmwareParsers() {
        #expect(RAPIFirmware.openEVSE823US.numberParser == .unsigned)
        #expect(RAPIFirmware.openEVSE823EU.numberParser == .unsigned)
        #expect(RAPIFirmware.d9940.numberParser == .signed)
    }
}
