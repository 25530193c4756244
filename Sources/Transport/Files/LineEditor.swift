/// A minimal line editor for a terminal in non-canonical mode: typing, backspace, Ctrl-U, Enter,
/// and a history walked with the up and down arrows. No I/O: each byte typed gives what to show
/// and what happened, so the console's terminal handling is tested without a terminal.
public struct LineEditor: Sendable {
    /// What a typed byte did.
    public enum Event: Sendable, Hashable {
        /// Text to write to the terminal (the echo or a redrawn line).
        case show(String)
        /// A finished line (Enter).
        case line(String)
        /// Ctrl-D on an empty line.
        case endOfInput
        /// Ctrl-C.
        case interrupt
    }

    /// Shown before the line being typed.
    public let prompt: String
    /// The line being typed.
    public private(set) var text = ""
    /// Earlier lines, oldest first (a line equal to the previous one is kept once).
    public private(set) var history: [String] = []
    private var position: Int?
    private var escape: [UInt8] = []
    private var pending: [UInt8] = []

    /// An empty editor.
    public init(prompt: String) { self.prompt = prompt }

    /// What the terminal shows for the line being typed, from the start of the line.
    public var redraw: String { "\r\u{1B}[K" + prompt + text }

    /// Handles one typed byte.
    public mutating func feed(_ byte: UInt8) -> [Event] {
        if !escape.isEmpty || byte == 0x1B { return feedEscape(byte) }
        switch byte {
        case 0x0D, 0x0A:
            let line = text
            if !line.isEmpty, history.last != line { history.append(line) }
            text = ""
            position = nil
            return [.show("\r\n"), .line(line)]
        case 0x7F, 0x08:
            guard !text.isEmpty else { return [] }
            text.removeLast()
            return [.show("\u{8} \u{8}")]
        case 0x15:  // Ctrl-U
            text = ""
            return [.show(redraw)]
        case 0x03:
            return [.interrupt]
        case 0x04:
            return text.isEmpty ? [.endOfInput] : []
        case 0x20...0x7E, 0x80...0xFF:
            // UTF-8 sequences are shown once complete.
            pending.append(byte)
            let decoded = String(validating: pending, as: UTF8.self)
            guard let decoded else { return pending.count >= 4 ? dropPending() : [] }
            pending.removeAll()
            text += decoded
            return [.show(decoded)]
        default:
            return []
        }
    }

    private mutating func dropPending() -> [Event] {
        pending.removeAll()
        return []
    }

    /// `ESC [ A` (up) and `ESC [ B` (down) walk the history; other sequences are ignored.
    private mutating func feedEscape(_ byte: UInt8) -> [Event] {
        escape.append(byte)
        if escape.count == 2, byte != UInt8(ascii: "[") && byte != UInt8(ascii: "O") {
            escape.removeAll()
            return []
        }
        guard escape.count >= 3, (0x40...0x7E).contains(byte) else { return [] }
        escape.removeAll()
        switch byte {
        case UInt8(ascii: "A"):
            guard !history.isEmpty else { return [] }
            let next = max(0, (position ?? history.count) - 1)
            position = next
            text = history[next]
        case UInt8(ascii: "B"):
            guard let current = position else { return [] }
            if current + 1 < history.count {
                position = current + 1
                text = history[current + 1]
            } else {
                position = nil
                text = ""
            }
        default:
            return []
        }
        return [.show(redraw)]
    }
}
