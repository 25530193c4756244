import Testing

@testable import RAPI

/// open_evse `tokenize()` and `processCmd()`: tokenizing, limits and sequence ids.
@Suite struct RequestTests {
    @Test("command, arguments and checksum kind")
    func basicRequest() throws {
        let request = try RAPIRequest(line: RAPILine("$SC 16 V^65"))
        #expect(request.command == "SC")
        #expect(request.arguments == ["16", "V"])
        #expect(request.tokenCount == 3)
        #expect(request.sequenceID == nil)
        #expect(request.checksum == .xor)
    }

    @Test("only the first two characters select the command")
    func gsxIsGS() throws {
        let request = try RAPIRequest(line: RAPILine("$GSX"))
        #expect(request.command == "GS")
        #expect(request.commandToken == "GSX")
    }

    @Test("a one-character command has NUL as its second character")
    func shortCommand() throws {
        let request = try RAPIRequest(line: RAPILine("$G"))
        #expect(request.command == RAPICommandCode(first: UInt8(ascii: "G"), second: 0))
        #expect(RAPICommandTable.spec(for: request.command) == nil)
    }

    @Test("two spaces make an empty token")
    func emptyToken() throws {
        let request = try RAPIRequest(line: RAPILine("$SC  16"))
        #expect(request.arguments == ["", "16"])
        #expect(request.arguments[0].firstByte == 0)
    }

    @Test("the byte after `$` always belongs to the command token")
    func firstByteNeverSeparates() throws {
        let request = try RAPIRequest(line: RAPILine("$ GS"))
        #expect(request.command == RAPICommandCode(first: 0x20, second: UInt8(ascii: "G")))
        #expect(request.arguments.isEmpty)
        // A `^` right after `$` is not a checksum marker either.
        #expect(try RAPIRequest(line: RAPILine("$^7")).checksum == nil)
    }

    @Test("10 tokens are accepted, an 11th is rejected like a bad checksum")
    func tokenLimit() throws {
        let ten = "$ST 1 2 3 4 5 6 7 8 9"
        #expect(try RAPIRequest(line: RAPILine(ten)).tokenCount == 10)
        #expect(throws: RAPIRejection(line: RAPILine(ten + " 0"), reason: .tooManyTokens)) {
            try RAPIRequest(line: RAPILine(ten + " 0"))
        }
        // Even an empty 11th token (a trailing space) counts.
        #expect(throws: RAPIRejection.self) { try RAPIRequest(line: RAPILine(ten + " ")) }
        // The limit includes the sequence-id token.
        #expect(throws: RAPIRejection.self) { try RAPIRequest(line: RAPILine(ten + " :12")) }
    }

    @Test("spaces after the checksum marker are not counted")
    func spacesAfterMarkerIgnored() throws {
        let line = RAPIChecksum.signed("$ST 1 2 3 4 5 6 7 8 9") + " 1 2 3"
        #expect(try RAPIRequest(line: RAPILine(line)).tokenCount == 10)
    }

    /// (line, sequence id expected, arguments expected).
    static let sequenceCases: [(String, UInt8?, [RAPIToken])] = [
        ("$GS :12^29", 0x12, []),
        ("$GS :ab", 0xAB, []),
        ("$GS :AB", 0xAB, []),
        ("$GS :00", nil, []),  // 00 is "invalid/none"
        ("$GS :zz", nil, []),  // invalid hex ⇒ 0 ⇒ none, token still removed
        ("$SC 16 :7f", 0x7F, ["16"]),
        ("$SC 16 :1234", 0x12, ["16"]),  // at most two digits read
        ("$SC 16 :1", 0x01, ["16"]),
        ("$SC :12 16", nil, [":12", "16"]),  // only the last token can be the id
        ("$:12", nil, []),  // a lone command token is never an id
    ]

    @Test("sequence ids", arguments: sequenceCases)
    func sequenceIDs(line: String, id: UInt8?, arguments: [RAPIToken]) throws {
        let request = try RAPIRequest(line: RAPILine(line))
        #expect(request.sequenceID == id)
        #expect(request.arguments == arguments)
    }

    @Test("the sequence id is echoed upper-case")
    func sequenceEchoUpperCase() throws {
        let request = try RAPIRequest(line: RAPILine("$GS :ab"))
        let reply = request.reply(.ok, "01 0 01 0200")
        #expect(reply.encoded().text.contains(" :AB^"))
    }

    @Test("`:` right before `^` reads the checksum digits as the id")
    func colonBeforeCaret() throws {
        // XOR("$GS :") = 0x30 ^ 0x20 ^ 0x3A = 0x2A; the id reads NUL then '2' ⇒ 0x02.
        let request = try RAPIRequest(line: RAPILine("$GS :^2A"))
        #expect(request.sequenceID == 0x02)
        #expect(request.arguments.isEmpty)
    }

    @Test("an embedded NUL ends the line: the rest, checksum included, is ignored")
    func embeddedNul() throws {
        let request = try RAPIRequest(line: RAPILine(bytes: "GS".bytes + [0] + "^99".bytes))
        #expect(request.command == "GS")
        #expect(request.checksum == nil)
    }

    @Test("8-bit bytes pass through arguments unchanged")
    func eightBitArguments() throws {
        let request = try RAPIRequest(line: RAPILine(bytes: "FP 0 0 A".bytes + [0xFE] + "B".bytes))
        #expect(request.arguments.last?.bytes == [0x41, 0xFE, 0x42])
        #expect(request.arguments.last?.text == "A\u{FE}B")
    }

    @Test("`$` + CR is rejected with a bare $NK")
    func emptyLineRejected() {
        #expect(throws: RAPIRejection(line: RAPILine(bytes: []), reason: .emptyLine)) {
            try RAPIRequest(line: RAPILine(bytes: []))
        }
        #expect(RAPIRejection(line: RAPILine(bytes: []), reason: .emptyLine).reply.encoded() == "$NK^21\r".bytes)
    }

    @Test("a rejection reads well when printed")
    func rejectionDescription() {
        guard case .failure(let rejection) = parse("$GS^31") else {
            Issue.record("$GS^31 was accepted")
            return
        }
        #expect(rejection.description == "`$GS^31` rejected: XOR checksum ^31 does not match the computed ^30")
    }

    @Test("a bad checksum's $NK carries no sequence id")
    func badChecksumNoSequenceID() {
        guard case .failure(let rejection) = parse("$GS :12^28") else {
            Issue.record("bad checksum accepted")
            return
        }
        #expect(rejection.reply.encoded() == "$NK^21\r".bytes)
    }
}
