import Testing

@testable import RAPI

/// open_evse `tokenize()`, `appendChk()`, `htou8()`: test vectors, and the firmware's reading of checksum digits.
@Suite struct ChecksumTests {
    /// (line, XOR-signed form, additive-signed form or nil) (`$GS^30` and kin as in `rapi_proc.h`).
    static let vectors: [(String, String, String?)] = [
        ("$GS", "$GS^30", "$GS*BE"),
        ("$GV", "$GV^35", "$GV*C1"),
        ("$GE", "$GE^26", "$GE*B0"),
        ("$GC", "$GC^20", "$GC*AE"),
        ("$GF", "$GF^25", "$GF*B1"),
        ("$GG", "$GG^24", "$GG*B2"),
        ("$GP", "$GP^33", "$GP*BB"),
        ("$GU", "$GU^36", "$GU*C0"),
        ("$GI", "$GI^2A", nil),
        ("$GT", "$GT^37", nil),
        ("$GD", "$GD^27", nil),
        ("$G0", "$G0^53", nil),
        ("$GY", "$GY^3A", nil),
        ("$FE", "$FE^27", "$FE*AF"),
        ("$FD", "$FD^26", "$FD*AE"),
        ("$FS", "$FS^31", "$FS*BD"),
        ("$FR", "$FR^30", "$FR*BC"),
        ("$SY", "$SY^2E", nil),
        ("$SY 5 6", "$SY 5 6^2D", nil),
        ("$SY 165", "$SY 165^3C", nil),
        ("$SC 16 V", "$SC 16 V^65", nil),
        ("$F0 0", "$F0 0^42", nil),
        ("$F0 1", "$F0 1^43", nil),
        ("$FF E 0", "$FF E 0^51", nil),
        ("$OK", "$OK^20", nil),
        ("$NK", "$NK^21", nil),
        ("$OK 01 0 01 0200", "$OK 01 0 01 0200^12", nil),
        ("$OK 8.2.3 5.2.1", "$OK 8.2.3 5.2.1^2F", nil),
        ("$AT 01 01 32 0200", "$AT 01 01 32 0200^32", nil),
        ("$AB 00 8.2.3", "$AB 00 8.2.3^1E", nil),
        ("$GS :12", "$GS :12^29", nil),
        ("$OK 01 0 01 0200 :12", "$OK 01 0 01 0200 :12^0B", nil),
    ]

    @Test("test vectors sign as the firmware does", arguments: vectors)
    func signsReferenceVectors(line: String, xorSigned: String, additiveSigned: String?) {
        #expect(RAPIChecksum.signed(line) == xorSigned)
        if let additiveSigned {
            #expect(RAPIChecksum.signed(line, kind: .additive) == additiveSigned)
        }
    }

    @Test("signed test-vector commands are accepted by the parser", arguments: vectors.filter { $0.0.hasPrefix("$G") })
    func acceptsSignedVectors(line: String, xorSigned: String, additiveSigned: String?) throws {
        let request = try RAPIRequest(line: RAPILine(xorSigned))
        #expect(request.checksum == .xor)
        #expect("$\(request.command)" == String(line.prefix(3)))
        if let additiveSigned {
            #expect(try RAPIRequest(line: RAPILine(additiveSigned)).checksum == .additive)
        }
    }

    @Test("lower-case checksum digits are accepted")
    func lowerCaseHexAccepted() throws {
        // `$GC^20` has no letters; `$GI^2A` and `$GV*C1` do.
        #expect(try RAPIRequest(line: RAPILine("$GI^2a")).command == "GI")
        #expect(try RAPIRequest(line: RAPILine("$GV*c1")).command == "GV")
    }

    @Test("a wrong checksum is rejected with both values")
    func wrongChecksumRejected() {
        #expect(
            throws: RAPIRejection(
                line: RAPILine("$GS^31"), reason: .checksumMismatch(kind: .xor, received: 0x31, computed: 0x30))
        ) {
            try RAPIRequest(line: RAPILine("$GS^31"))
        }
        #expect(
            throws: RAPIRejection(
                line: RAPILine("$GS*BF"), reason: .checksumMismatch(kind: .additive, received: 0xBF, computed: 0xBE))
        ) {
            try RAPIRequest(line: RAPILine("$GS*BF"))
        }
    }

    @Test("no checksum is accepted")
    func noChecksumAccepted() throws {
        let request = try RAPIRequest(line: RAPILine("$SC 16 V"))
        #expect(request.checksum == nil)
        #expect(request.arguments == ["16", "V"])
    }

    /// (two characters after the marker, value the firmware's `htou8` reads).
    static let hexReadings: [(String, UInt8)] = [
        ("30", 0x30), ("ff", 0xFF), ("FF", 0xFF), ("aB", 0xAB), ("7", 0x07), ("", 0),
        ("G0", 0), ("3G", 0), ("-1", 0), (" 3", 0),
    ]

    @Test("firmware hex reading: at most two digits, invalid reads as 0", arguments: hexReadings)
    func firmwareHex(digits: String, value: UInt8) {
        let bytes = digits.bytes + [0, 0]
        #expect(RAPIChecksum.firmwareHexValue(bytes[0], bytes[1]) == value)
    }

    @Test("a NUL first digit is skipped without shifting the second")
    func nulThenDigit() {
        #expect(RAPIChecksum.firmwareHexValue(0, UInt8(ascii: "7")) == 0x07)
        #expect(RAPIChecksum.firmwareHexValue(0, UInt8(ascii: "x")) == 0)
    }

    @Test("characters after the two checksum digits are ignored")
    func trailingAfterChecksumIgnored() throws {
        #expect(try RAPIRequest(line: RAPILine("$GS^30garbage :12")).sequenceID == nil)
        #expect(try RAPIRequest(line: RAPILine("$GS^30 5")).arguments.isEmpty)
    }

    @Test("a single checksum digit is its own value")
    func singleDigitChecksum() throws {
        // XOR("$Sq") = 0x24 ^ 0x53 ^ 0x71 = 0x06.
        #expect(try RAPIRequest(line: RAPILine("$Sq^6")).command == "Sq")
        #expect(throws: RAPIRejection.self) { try RAPIRequest(line: RAPILine("$Sq^7")) }
    }
}
