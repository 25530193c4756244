import Testing
import Transport

/// The console's line editing, byte by byte, without a terminal.
@Suite("Line editor")
struct LineEditorTests {
    static func type(_ text: String, into editor: inout LineEditor) -> [LineEditor.Event] {
        Array(text.utf8).flatMap { editor.feed($0) }
    }

    static func lines(_ events: [LineEditor.Event]) -> [String] {
        events.compactMap { if case .line(let line) = $0 { line } else { nil } }
    }

    @Test("typing, backspace and Enter give the line; the echo shows what was typed")
    func typing() {
        var editor = LineEditor(prompt: "> ")
        let events = Self.type("gx\u{7F}v\r", into: &editor)
        #expect(Self.lines(events) == ["gv"])
        #expect(events.first == .show("g"))
        #expect(events.contains(.show("\u{8} \u{8}")))
        #expect(editor.text.isEmpty)
    }

    @Test("up and down walk the history; a repeated line is kept once; down past the end clears")
    func history() {
        var editor = LineEditor(prompt: "> ")
        _ = Self.type("GS\rGS\rSC 16\r", into: &editor)
        #expect(editor.history == ["GS", "SC 16"])
        #expect(Self.lines(Self.type("\u{1B}[A\r", into: &editor)) == ["SC 16"])
        _ = Self.type("\u{1B}[A\u{1B}[A", into: &editor)
        #expect(editor.text == "GS")
        _ = Self.type("\u{1B}[A", into: &editor)
        #expect(editor.text == "GS", "the oldest line stays")
        _ = Self.type("\u{1B}[B", into: &editor)
        #expect(editor.text == "SC 16")
        let cleared = Self.type("\u{1B}[B", into: &editor)
        #expect(editor.text.isEmpty)
        #expect(cleared == [.show("\r\u{1B}[K> ")])
    }

    @Test("Ctrl-D ends only an empty line; Ctrl-C interrupts; Ctrl-U clears; other escapes are ignored")
    func controls() {
        var editor = LineEditor(prompt: "> ")
        #expect(Self.type("a\u{4}", into: &editor) == [.show("a")])
        #expect(Self.type("\u{15}", into: &editor) == [.show("\r\u{1B}[K> ")])
        #expect(Self.type("\u{1B}[C\u{1B}[D", into: &editor).isEmpty)
        #expect(Self.type("\u{4}", into: &editor) == [.endOfInput])
        #expect(Self.type("\u{3}", into: &editor) == [.interrupt])
    }

    @Test("a UTF-8 character is shown once complete")
    func unicode() {
        var editor = LineEditor(prompt: "")
        #expect(Self.type("é", into: &editor) == [.show("é")])
        #expect(editor.text == "é")
    }
}
