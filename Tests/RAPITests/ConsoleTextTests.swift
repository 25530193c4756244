import Testing

@testable import RAPI

/// What the console sends for what a person types, and how it cuts the controller's bytes into lines.
@Suite("RAPI console text")
struct ConsoleTextTests {
    @Test(
        "typed commands get $, upper-case letters, the XOR checksum and CR",
        arguments: [
            ("GS", "$GS^30\r"), ("$GS", "$GS^30\r"), ("gv", "$GV^35\r"), ("sc 16", "$SC 16^13\r"),
            ("$SC 16", "$SC 16^13\r"), ("  GE  \r", "$GE^26\r"),
        ])
    func framing(typed: String, sent: String) {
        #expect(RAPIConsoleText.frame(typed) == Array(sent.utf8))
    }

    @Test("a typed checksum is sent as written, even a wrong one", arguments: ["$GS^31", "GS*AB"])
    func typedChecksum(typed: String) {
        let expected = (typed.hasPrefix("$") ? typed : "$" + typed) + "\r"
        #expect(RAPIConsoleText.frame(typed) == Array(expected.utf8))
    }

    @Test("a blank line sends nothing", arguments: ["", "   ", "$", "\n"])
    func blank(typed: String) {
        #expect(RAPIConsoleText.frame(typed) == nil)
    }

    @Test("lines end at CR, whatever the chunks; LF is dropped; odd bytes are escaped")
    func lines() {
        var text = RAPIConsoleText()
        #expect(text.lines(adding: Array("$OK 8.2.3 5.2.1^2F\r$AT 01".utf8)) == ["$OK 8.2.3 5.2.1^2F"])
        #expect(text.unfinished == "$AT 01")
        #expect(text.lines(adding: Array(" 01 16 0200^34\r\n$AB\u{7}".utf8)) == ["$AT 01 01 16 0200^34"])
        #expect(text.lines(adding: [0x0D]) == ["$AB\\x07"])
        #expect(text.unfinished == nil)
    }
}
