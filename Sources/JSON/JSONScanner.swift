/// The character level of ``JSONParser``: position tracking, whitespace, strings, numbers and
/// the wording of "found …" in syntax errors.
struct JSONScanner {
    let bytes: [UInt8]
    let file: String
    private(set) var index = 0
    private(set) var line = 1
    private(set) var column = 1
    /// The path of the value being read, kept so that syntax errors can say where they are.
    var path: [JSONPath.Component] = []
    /// Values started so far (for ``JSONParser/Policy/maximumValues``).
    var values = 0

    /// The file's number in ``SourceFileTable``.
    let fileNumber: UInt16

    init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
        self.fileNumber = SourceFileTable.number(of: file)
    }

    var location: SourceLocation { SourceLocation(file: file, line: line, column: column) }
    var packedLocation: PackedLocation { PackedLocation(file: fileNumber, line: line, column: column) }
    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    var isAtEnd: Bool { index >= bytes.count }

    /// Moves one byte on. Columns advance on the first byte of each scalar only; CR LF, LF and a
    /// lone CR each end a line.
    mutating func advance() {
        let b = bytes[index]
        index += 1
        if b == ascii("\n") || (b == ascii("\r") && peek != ascii("\n")) {
            line += 1
            column = 1
        } else if b & 0xC0 != 0x80, b != ascii("\r") {
            column += 1
        }
    }

    /// Steps over a leading byte-order mark, which editors do not count as a column.
    mutating func skipByteOrderMark() { index = 3 }

    /// Moves on to `target` (used after a pre-scan found a bad byte there).
    mutating func advance(to target: Int) {
        while index < target { advance() }
    }

    mutating func skipWhitespace() {
        while let b = peek, b == ascii(" ") || b == ascii("\t") || b == ascii("\n") || b == ascii("\r") {
            advance()
        }
    }

    /// Consumes `byte` if it is next.
    mutating func consume(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        advance()
        return true
    }

    func error(expected: String, found: String? = nil, at location: SourceLocation? = nil) -> JSONSyntaxError {
        JSONSyntaxError(
            location: location ?? self.location, path: JSONPath(path), expected: expected,
            found: found ?? describeNext())
    }

    /// The next token as it reads in a message: `']'`, `'True'`, `"key"`, `end of input`.
    func describeNext() -> String {
        guard let b = peek else { return "end of input" }
        switch b {
        case ascii("\n"), ascii("\r"): return "end of line"
        case ascii("\""):
            var end = index + 1
            while end < bytes.count, end - index < 32, bytes[end] != ascii("\""), bytes[end] >= 0x20 { end += 1 }
            let closed = end < bytes.count && bytes[end] == ascii("\"")
            return String(decoding: bytes[index..<min(end + 1, bytes.count)], as: UTF8.self) + (closed ? "" : "…")
        case _ where isWordByte(b):
            var end = index
            while end < bytes.count, end - index < 20, isWordByte(bytes[end]) { end += 1 }
            return "'" + String(decoding: bytes[index..<end], as: UTF8.self) + "'"
        case 0x21...0x7E: return "'" + String(UnicodeScalar(b)) + "'"
        case 0x09: return "a tab"
        case 0x80...:
            let scalar = String(decoding: bytes[index..<min(index + 4, bytes.count)], as: UTF8.self)
                .unicodeScalars.first!
            return "'\(scalar)' (\(JSONScanner.codePoint(scalar.value)))"
        default: return JSONScanner.codePoint(UInt32(b))
        }
    }

    static func codePoint(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    private func isWordByte(_ b: UInt8) -> Bool {
        (b >= ascii("a") && b <= ascii("z")) || (b >= ascii("A") && b <= ascii("Z"))
            || (b >= ascii("0") && b <= ascii("9"))
            || b == ascii("_")
    }

    /// Reads a number at the current position, which is `-` or a digit; returns where its text is.
    mutating func scanNumber() throws(JSONSyntaxError) -> Range<Int> {
        let start = index
        let startLocation = location
        _ = consume(ascii("-"))
        guard let first = peek, isDigit(first) else {
            throw error(expected: "a digit after '-' in a number")
        }
        advance()
        if first == ascii("0"), let next = peek, isDigit(next) {
            while let d = peek, isDigit(d) { advance() }
            throw error(
                expected: "a number without leading zeros", found: "'\(text(start..<index))'", at: startLocation)
        }
        while let d = peek, isDigit(d) { advance() }
        // Without an exponent, up to 308 integer digits are always within a double's range.
        var mayOverflow = index - start > 308
        if consume(ascii(".")) {
            guard let d = peek, isDigit(d) else { throw error(expected: "a digit after '.' in a number") }
            while let d = peek, isDigit(d) { advance() }
        }
        if consume(ascii("e")) || consume(ascii("E")) {
            mayOverflow = true
            if !consume(ascii("+")) { _ = consume(ascii("-")) }
            guard let d = peek, isDigit(d) else { throw error(expected: "a digit in the exponent of a number") }
            while let d = peek, isDigit(d) { advance() }
        }
        if mayOverflow, !JSONNumber(validatedText: text(start..<index)).doubleValue.isFinite {
            throw error(
                expected: "a number within the range of a 64-bit float", found: text(start..<index),
                at: startLocation)
        }
        return start..<index
    }

    /// Reads a string at the current position, which is `"`, and says where its text is: between
    /// the quotes in the source when it has no escapes (`inSource`), else decoded onto the end
    /// of `text`.
    mutating func scanString(
        into text: inout [UInt8]
    ) throws(JSONSyntaxError) -> (start: Int, count: Int, inSource: Bool) {
        let open = location
        advance()
        let first = index
        while let b = peek, b != ascii("\\"), b != ascii("\""), b >= 0x20 { advance() }
        if peek == ascii("\"") {
            advance()
            return (first, index - 1 - first, true)
        }
        // An escape, or an error the loop below reports.
        let mark = text.count
        text.append(contentsOf: bytes[first..<index])
        while true {
            guard let b = peek else {
                throw error(expected: "'\"' to close the string that starts at \(open.line):\(open.column)")
            }
            switch b {
            case ascii("\""):
                advance()
                return (mark, text.count - mark, false)
            case ascii("\n"), ascii("\r"):
                throw error(expected: "'\"' to close the string that starts at \(open.line):\(open.column)")
            case ascii("\\"):
                try scanEscape(into: &text)
            case 0..<0x20:
                throw error(
                    expected: "an escape such as \\t or \\u001F for a control character in a string",
                    found: "a raw \(describeNext())")
            default:
                text.append(b)
                advance()
            }
        }
    }

    private mutating func scanEscape(into utf8: inout [UInt8]) throws(JSONSyntaxError) {
        let escapeLocation = location
        advance()
        guard let c = peek else { throw error(expected: "an escape character after '\\'") }
        let simple: [UInt8: UInt8] = [
            ascii("\""): ascii("\""), ascii("\\"): ascii("\\"), ascii("/"): ascii("/"), ascii("b"): 0x08,
            ascii("f"): 0x0C, ascii("n"): ascii("\n"), ascii("r"): ascii("\r"), ascii("t"): ascii("\t"),
        ]
        if let replacement = simple[c] {
            advance()
            utf8.append(replacement)
            return
        }
        guard c == ascii("u") else {
            throw error(
                expected: #"an escape: \" \\ \/ \b \f \n \r \t or \uXXXX"#, found: "'\\\(describeNext().dropFirst())",
                at: escapeLocation)
        }
        advance()
        var scalar = try scanHex4(escapeLocation)
        if (0xD800...0xDBFF).contains(scalar) {
            let lowLocation = location
            guard consume(ascii("\\")), consume(ascii("u")) else {
                throw error(
                    expected: "a low surrogate \\uDC00…\\uDFFF after \\u\(hex(scalar))", found: describeNext(),
                    at: lowLocation)
            }
            let low = try scanHex4(lowLocation)
            guard (0xDC00...0xDFFF).contains(low) else {
                throw error(
                    expected: "a low surrogate \\uDC00…\\uDFFF after \\u\(hex(scalar))", found: "\\u\(hex(low))",
                    at: lowLocation)
            }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(scalar) {
            throw error(
                expected: "a high surrogate \\uD800…\\uDBFF before a low one", found: "\\u\(hex(scalar))",
                at: escapeLocation)
        }
        utf8.append(contentsOf: Array(String(UnicodeScalar(scalar)!).utf8))
    }

    private mutating func scanHex4(_ escapeLocation: SourceLocation) throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        let start = index
        for _ in 0..<4 {
            guard let b = peek, let digit = hexDigit(b) else {
                let end = min(bytes.count, start + 4)
                let shown = String(
                    decoding: bytes[start..<end].prefix { $0 >= 0x20 && $0 != ascii("\"") }, as: UTF8.self)
                throw error(expected: "four hex digits after \\u", found: "'\\u\(shown)'", at: escapeLocation)
            }
            value = value << 4 | digit
            advance()
        }
        return value
    }

    private func hexDigit(_ b: UInt8) -> UInt32? {
        switch b {
        case ascii("0")...ascii("9"): UInt32(b - ascii("0"))
        case ascii("a")...ascii("f"): UInt32(b - ascii("a") + 10)
        case ascii("A")...ascii("F"): UInt32(b - ascii("A") + 10)
        default: nil
        }
    }

    private func hex(_ v: UInt32) -> String { String(JSONScanner.codePoint(v).dropFirst(2)) }
    private func isDigit(_ b: UInt8) -> Bool { b >= ascii("0") && b <= ascii("9") }
    private func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
}

@inline(__always) func ascii(_ c: Unicode.Scalar) -> UInt8 { UInt8(ascii: c) }
