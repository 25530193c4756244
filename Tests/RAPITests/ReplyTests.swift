import EVSEModel
import Testing

@testable import RAPI

/// open_evse `response()`, `sendEvseState()` and the framing half of the README's wire examples.
@Suite struct ReplyTests {
    /// (status, parameters, sequence id, wire form), checksums as `appendChk()` computes them.
    static let replies: [(RAPIReply.Status, String?, UInt8?, String)] = [
        (.ok, nil, nil, "$OK^20\r"),
        (.nk, nil, nil, "$NK^21\r"),
        (.ok, "8.2.3 5.2.1", nil, "$OK 8.2.3 5.2.1^2F\r"),
        (.ok, "01 0 01 0200", nil, "$OK 01 0 01 0200^12\r"),
        (.ok, "01 0 01 0200", 0x12, "$OK 01 0 01 0200 :12^0B\r"),
        (.ok, "6 80 32 32", nil, "$OK 6 80 32 32^1E\r"),
        (.ok, "0 0 0", nil, "$OK 0 0 0^30\r"),
        (.ok, "5 6 0", nil, "$OK 5 6 0^33\r"),
        (.nk, "6", nil, "$NK 6^37\r"),
        (.ok, "16", nil, "$OK 16^07\r"),
        (.ok, "00 0 00 4200", nil, "$OK 00 0 00 4200^16\r"),
        (.ok, "0", nil, "$OK 0^30\r"),
    ]

    @Test("replies encode byte for byte", arguments: replies)
    func replyEncoding(status: RAPIReply.Status, parameters: String?, sequenceID: UInt8?, wire: String) {
        #expect(RAPIReply(status, parameters: parameters, sequenceID: sequenceID).encoded() == wire.bytes)
    }

    /// Wire examples: command line in, reply out, for the requests whose answer is pure framing.
    static let exchanges: [(String, RAPIReply.Status, String?, String)] = [
        ("$GS :12^29\r", .ok, "01 0 01 0200", "$OK 01 0 01 0200 :12^0B\r"),
        ("$GV^35\r", .ok, "8.2.3 5.2.1", "$OK 8.2.3 5.2.1^2F\r"),
        ("$SC 5 V^57\r", .nk, "6", "$NK 6^37\r"),
        ("$XX^24\r", .nk, nil, "$NK^21\r"),
    ]

    @Test("wire examples through receiver, parser and reply", arguments: exchanges)
    func quickExamples(input: String, status: RAPIReply.Status, parameters: String?, wire: String) throws {
        var receiver = RAPILineReceiver()
        let line = try #require(receiver.receive(input.bytes).lines.first)
        let request = try RAPIRequest(line: line)
        #expect(request.reply(status, parameters).encoded() == wire.bytes)
    }

    @Test("a bad checksum gets a bare $NK")
    func badChecksumExample() throws {
        var receiver = RAPILineReceiver()
        let line = try #require(receiver.receive("$GS^31\r".bytes).lines.first)
        #expect(throws: RAPIRejection.self) { try RAPIRequest(line: line) }
        #expect(RAPIReply.rejection.encoded() == "$NK^21\r".bytes)
    }

    @Test("echo mode appends LF to replies")
    func echoLF() {
        #expect(RAPIReply(.ok).encoded(echo: true) == "$OK^20\r\n".bytes)
        #expect(RAPIReply.rejection.encoded(echo: true) == "$NK^21\r\n".bytes)
    }

    @Test("a NUL in the parameters ends them, as strcat does")
    func nulEndsParameters() {
        #expect(RAPIReply(.ok, parameterBytes: [0x31, 0, 0x32]).encoded() == RAPIReply(.ok, parameters: "1").encoded())
    }

    @Test("sequence id 0 is never echoed")
    func zeroSequenceID() {
        #expect(RAPIReply(.ok, sequenceID: 0).encoded() == "$OK^20\r".bytes)
    }

    /// (message, wire form), as `sendEvseState()` and `sendBootNotification()` print them.
    static let asyncMessages: [(RAPIAsyncMessage, String)] = [
        (.state(evseState: .a, pilot: .a, capacity: 32, vflags: VFlags(rawValue: 0x0200)), "$AT 01 01 32 0200^32\r"),
        (.state(evseState: .b, pilot: .b, capacity: 32, vflags: VFlags(rawValue: 0x0700)), "$AT 02 02 32 0700^37\r"),
        (.state(evseState: .c, pilot: .c, capacity: 16, vflags: VFlags(rawValue: 0x0540)), "$AT 03 03 16 0540^37\r"),
        (
            .state(evseState: .sleeping, pilot: .a, capacity: 6, vflags: VFlags(rawValue: 0x0200)),
            "$AT fe 01 6 0200^07\r"
        ),
        (.state(evseState: .unknown, pilot: .unknown, capacity: 0, vflags: .sessionEnded), "$AT 00 00 0 0200^03\r"),
        (.boot(postCode: .unknown, firmwareVersion: "8.2.3"), "$AB 00 8.2.3^1E\r"),
    ]

    @Test("async messages encode byte for byte", arguments: asyncMessages)
    func asyncEncoding(message: RAPIAsyncMessage, wire: String) {
        #expect(message.encoded() == wire.bytes)
    }

    @Test("async fields: lower-case hex state, decimal capacity, button and WiFi forms")
    func asyncFieldFormats() {
        let fault = RAPIAsyncMessage.state(
            evseState: .overTemperature, pilot: .unknown, capacity: 255, vflags: VFlags(rawValue: 0xABCD))
        #expect(fault.body.text == "$AT 0a 00 255 abcd")
        #expect(
            RAPIAsyncMessage.boot(postCode: .stuckRelay, firmwareVersion: "9.4.0.core").body.text == "$AB 08 9.4.0.core"
        )
        #expect(RAPIAsyncMessage.button(longPress: true).body.text == "$AN 1")
        #expect(RAPIAsyncMessage.button(longPress: false).body.text == "$AN 0")
        #expect(RAPIAsyncMessage.wifiMode(2).body.text == "$WF 02")
    }

    @Test("field formats")
    func fieldFormats() {
        #expect(RAPIFormat.hex2(0x0E) == "0e")
        #expect(RAPIFormat.hex2(0xFE) == "fe")
        #expect(RAPIFormat.hex4(0x0540) == "0540")
        #expect(RAPIFormat.hex4(0xFFFF) == "ffff")
        #expect(RAPIFormat.hex(0) == "0")
        #expect(RAPIFormat.hex(0x0A) == "a")
        #expect(RAPIFormat.hex(0xFE) == "fe")
        #expect(RAPIFormat.upperHex2(0x0B) == "0B")
    }

    @Test("the AVR $GI reply has two spaces, six raw bytes and eight upper-case hex digits")
    func mcuIDAVR() {
        let id: [UInt8] = "ABCDEF".bytes + [0xFF, 0x0A, 0x1B, 0xC2]
        let reply = RAPIReply(.ok, parameterBytes: RAPIFormat.mcuIDAVR(id))
        #expect(reply.body == "$OK  ABCDEFFF0A1BC2".bytes)
        #expect(RAPIFormat.mcuIDHex([0x01, 0xAB]) == "01AB")
    }

    @Test("descriptions escape control bytes")
    func descriptions() {
        #expect(RAPIReply(.ok).description == "$OK^20\\r")
        #expect(RAPILine(bytes: [0x47, 0x0A, 0x00, 0xFE]).description == "$G\\n\\0\\xFE")
    }
}
