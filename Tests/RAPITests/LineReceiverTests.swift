import Testing

@testable import RAPI

/// open_evse `EvseRapiProcessor::doCmd()`: the byte-level receiver.
@Suite struct LineReceiverTests {
    @Test("a line is delivered only when its CR arrives, however the bytes are split")
    func splitAcrossFeeds() {
        var receiver = RAPILineReceiver()
        #expect(receiver.receive("$G".bytes).isEmpty)
        #expect(receiver.receive("S^".bytes).isEmpty)
        #expect(receiver.isInsideLine)
        let outputs = receiver.receive("30\r".bytes)
        #expect(outputs == [.line(RAPILine(bytes: "GS^30".bytes))])
        #expect(!receiver.isInsideLine)
    }

    @Test("two commands in one feed come out in order")
    func twoCommandsInOneFeed() {
        var receiver = RAPILineReceiver()
        let lines = receiver.receive("$GS^30\r$GV^35\r".bytes).lines
        #expect(lines.map(\.bytes.text) == ["GS^30", "GV^35"])
    }

    @Test("`$` restarts a line anywhere, garbage outside a line is ignored")
    func dollarRestartsAndGarbageIgnored() {
        var receiver = RAPILineReceiver()
        let outputs = receiver.receive("noise\r\n$SC 1$GS^30\rmore\r$GE\r".bytes)
        #expect(outputs.lines.map(\.bytes.text) == ["GS^30", "GE"])
        #expect(outputs.overlongs.isEmpty)
    }

    @Test("LF is an ordinary byte: an LF-terminated line is never executed")
    func lfOnlyNeverExecutes() {
        var receiver = RAPILineReceiver()
        #expect(receiver.receive("$GS^30\n".bytes).isEmpty)
        // The next `$` discards it; only the CR-terminated line comes out.
        let lines = receiver.receive("$GV^35\r".bytes).lines
        #expect(lines.map(\.bytes.text) == ["GV^35"])
    }

    @Test("LF inside a line is kept, a trailing LF after CR is harmless")
    func lfInsideLineKept() {
        var receiver = RAPILineReceiver()
        let lines = receiver.receive("$G\nS\r\n".bytes).lines
        #expect(lines == [RAPILine(bytes: [0x47, 0x0A, 0x53])])
        #expect(!receiver.isInsideLine)
    }

    @Test("31 characters from `$` are accepted, 32 are dropped with no line")
    func overlongBoundary() {
        var receiver = RAPILineReceiver()
        let thirtyOne = "$SC" + String(repeating: "1", count: 28)
        #expect(thirtyOne.count == 31)
        #expect(receiver.receive((thirtyOne + "\r").bytes).lines.count == 1)

        let thirtyTwo = thirtyOne + "1"
        let outputs = receiver.receive((thirtyTwo + "\r").bytes)
        #expect(outputs.lines.isEmpty)
        #expect(
            outputs.overlongs == [RAPIOverlongLine(prefix: Array(thirtyTwo.bytes.dropFirst()), requiresReply: false)])
    }

    @Test("after an overflow everything up to the next `$` is ignored, even a CR")
    func overflowIgnoresUntilDollar() {
        var receiver = RAPILineReceiver()
        let long = "$" + String(repeating: "A", count: 40) + "\r"
        let outputs = receiver.receive((long + "GS\r$GV\r").bytes)
        #expect(outputs.overlongs.count == 1)
        #expect(outputs.overlongs.first?.prefix.count == 31)
        #expect(outputs.lines.map(\.bytes.text) == ["GV"])
    }

    @Test("a full buffer restarted by `$` is not a drop")
    func fullBufferThenDollar() {
        var receiver = RAPILineReceiver()
        let outputs = receiver.receive(("$" + String(repeating: "A", count: 31) + "$GS\r").bytes)
        #expect(outputs.overlongs.isEmpty)
        #expect(outputs.lines.map(\.bytes.text) == ["GS"])
    }

    @Test("the D9 buffer holds 39 characters", arguments: [(38, true), (39, false)])
    func d9BufferLength(afterDollar: Int, accepted: Bool) {
        var receiver = RAPILineReceiver(configuration: .init(firmware: .d9940))
        let outputs = receiver.receive(("$" + String(repeating: "1", count: afterDollar) + "\r").bytes)
        #expect(outputs.lines.count == (accepted ? 1 : 0))
        #expect(outputs.overlongs.count == (accepted ? 0 : 1))
    }

    @Test("echo writes every byte back before anything else, garbage included")
    func echoWritesEveryByte() {
        var receiver = RAPILineReceiver(echo: true)
        let input = "x$GS\r".bytes
        let outputs = receiver.receive(input)
        #expect(outputs == [.echo("x$GS\r".bytes), .line(RAPILine(bytes: "GS".bytes))])
    }

    @Test("byte by byte, the echo comes before the line it completes")
    func perByteEchoOrder() {
        var receiver = RAPILineReceiver(echo: true)
        _ = receiver.receive("$GS".bytes)
        #expect(receiver.receive(UInt8(0x0D)) == [.echo([0x0D]), .line(RAPILine(bytes: "GS".bytes))])
    }

    @Test("echo switched on between two lines of one burst applies to the bytes after it")
    func echoTurnedOnMidBurst() {
        var receiver = RAPILineReceiver()
        var echoed: [UInt8] = []
        for byte in "$FF E 0\r$GS\r".bytes {
            for output in receiver.receive(byte) {
                switch output {
                case .echo(let bytes): echoed += bytes
                case .line(let line) where line.bytes.text == "FF E 0": receiver.isEchoOn = true
                default: break
                }
            }
        }
        #expect(echoed == "$GS\r".bytes)
    }

    @Test("reboot clears echo and any partial line")
    func rebootClears() {
        var receiver = RAPILineReceiver(echo: true)
        _ = receiver.receive("$GS".bytes)
        receiver.reboot()
        #expect(!receiver.isEchoOn)
        #expect(receiver.receive("\r".bytes).isEmpty)
    }

    @Test("`$` + CR is delivered as an empty line, which parses to a rejection")
    func dollarCR() {
        var receiver = RAPILineReceiver()
        let lines = receiver.receive("$\r".bytes).lines
        #expect(lines.map(\.bytes) == [[]])
        #expect(throws: RAPIRejection(line: lines[0], reason: .emptyLine)) { try RAPIRequest(line: lines[0]) }
    }

    @Test("the stale byte after the terminator comes from the previous, tokenized line")
    func staleByteAfterTerminator() throws {
        var receiver = RAPILineReceiver()
        // Tokenizing `$SC 16 V^65` leaves "$SC\016\0V\065\0" in the buffer.
        _ = receiver.receive("$SC 16 V^65\r".bytes)
        let line = try #require(receiver.receive("$GS^\r".bytes).lines.first)
        #expect(line.byteAfterTerminator == UInt8(ascii: "6"))
        // The firmware reads that stale `6` as the checksum: 0x06 ≠ XOR("$GS") = 0x30.
        #expect(throws: RAPIRejection(line: line, reason: .checksumMismatch(kind: .xor, received: 6, computed: 0x30))) {
            try RAPIRequest(line: line)
        }
        // XOR("$Sq") = 0x06, so the same stale byte makes a bare `^` pass.
        _ = receiver.receive("$SC 16 V^65\r".bytes)
        let lucky = try #require(receiver.receive("$Sq^\r".bytes).lines.first)
        #expect(try RAPIRequest(line: lucky).command == "Sq")
    }

    @Test("reply text written into the buffer becomes the stale bytes")
    func replyTextBecomesStale() throws {
        var receiver = RAPILineReceiver()
        _ = receiver.receive("$GS\r".bytes)
        receiver.noteReplyText("01 0 01 0200".bytes)
        let line = try #require(receiver.receive("$G^\r".bytes).lines.first)
        #expect(line.byteAfterTerminator == UInt8(ascii: " "))  // index 4 of "01 0 01 0200"
    }

    @Test("with silentOverlongDrop off, an overlong line is answered at its CR")
    func overlongAnsweredWhenQuirkOff() {
        var receiver = RAPILineReceiver(configuration: .init(firmware: .openEVSE823US, quirks: .none))
        let long = "$" + String(repeating: "A", count: 40)
        #expect(receiver.receive(long.bytes).isEmpty)
        let outputs = receiver.receive("\r$GS\r".bytes)
        #expect(outputs.overlongs.map(\.requiresReply) == [true])
        #expect(outputs.overlongs.first?.reply == .rejection)
        #expect(outputs.lines.map(\.bytes.text) == ["GS"])
        // An overlong line abandoned for a new `$` is recorded but not answered.
        let abandoned = receiver.receive((long + "$GV\r").bytes)
        #expect(abandoned.overlongs.map(\.requiresReply) == [false])
        #expect(abandoned.lines.map(\.bytes.text) == ["GV"])
    }
}
