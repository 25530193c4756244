/// An RFC 8259 JSON parser that records where every value and key starts.
///
/// Both policies (see ``Policy``) accept exactly the grammar nlohmann `json::parse` accepts
/// with its defaults: no comments, no trailing commas, no single quotes, no `NaN`, no leading
/// zeros, no number beyond a double's range, validated UTF-8 and surrogate pairs. A leading
/// UTF-8 byte-order mark is skipped (RFC 8259 §8.1 allows that). The policies differ only in
/// duplicate keys and nesting depth. The first syntax error stops parsing; it carries line,
/// column and the path of the value being read.
public struct JSONParser: Sendable {
    /// What the parser accepts beyond the shared grammar.
    public var policy: Policy

    /// Creates a parser.
    public init(policy: Policy = .authoring) {
        self.policy = policy
    }

    /// Parses a whole document.
    /// - Parameters:
    ///   - bytes: UTF-8 text.
    ///   - file: The name recorded in every location.
    /// - Throws: ``JSONSyntaxError`` at the first problem.
    public func parse(_ bytes: [UInt8], file: String) throws(JSONSyntaxError) -> JSONValue {
        var scanner = JSONScanner(bytes: bytes, file: file)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { scanner.skipByteOrderMark() }
        if let bad = JSONParser.firstInvalidUTF8(in: bytes) {
            scanner.advance(to: bad)
            throw scanner.error(
                expected: "UTF-8 text", found: "the byte 0x" + String(bytes[bad], radix: 16, uppercase: true))
        }
        scanner.skipWhitespace()
        let value = try parseValue(&scanner, depth: 0, expected: "a JSON value")
        scanner.skipWhitespace()
        guard scanner.isAtEnd else {
            throw scanner.error(expected: "the end of the document after the top-level value")
        }
        return value
    }

    /// Parses a whole document given as a string.
    public func parse(_ text: String, file: String) throws(JSONSyntaxError) -> JSONValue {
        try parse(Array(text.utf8), file: file)
    }

    private func parseValue(_ s: inout JSONScanner, depth: Int, expected: String) throws(JSONSyntaxError) -> JSONValue {
        let start = s.location
        s.values += 1
        guard s.values <= policy.maximumValues else {
            throw s.error(
                expected: "at most \(policy.maximumValues) JSON values in one document",
                found: "value number \(s.values)")
        }
        switch s.peek {
        case ascii("{"):
            return JSONValue(.object(try parseObject(&s, depth: depth + 1)), location: start)
        case ascii("["):
            return JSONValue(.array(try parseArray(&s, depth: depth + 1)), location: start)
        case ascii("\""):
            let (text, verbatim) = try s.scanString()
            var value = JSONValue(.string(text), location: start)
            value.isVerbatimString = verbatim
            return value
        case let b? where b == ascii("-") || (ascii("0")...ascii("9")).contains(b):
            return JSONValue(.number(try s.scanNumber()), location: start)
        case ascii("t") where matchWord(&s, "true"):
            return JSONValue(.bool(true), location: start)
        case ascii("f") where matchWord(&s, "false"):
            return JSONValue(.bool(false), location: start)
        case ascii("n") where matchWord(&s, "null"):
            return JSONValue(.null, location: start)
        case ascii("'"):
            throw s.error(expected: expected, found: "''' (JSON strings use double quotes)")
        case ascii("/"):
            throw s.error(expected: expected, found: "'/' (JSON has no comments)")
        default:
            throw s.error(expected: expected)
        }
    }

    private func matchWord(_ s: inout JSONScanner, _ word: String) -> Bool {
        let w = Array(word.utf8)
        guard s.bytes[s.index...].starts(with: w) else { return false }
        for _ in w { s.advance() }
        return true
    }

    private func enter(_ s: JSONScanner, depth: Int) throws(JSONSyntaxError) {
        guard depth <= policy.maximumDepth else {
            throw s.error(
                expected: "at most \(policy.maximumDepth) levels of nested arrays and objects", found: "level \(depth)")
        }
    }

    private func parseObject(_ s: inout JSONScanner, depth: Int) throws(JSONSyntaxError) -> JSONObject {
        try enter(s, depth: depth)
        s.advance()
        var object = JSONObject()
        s.skipWhitespace()
        if s.consume(ascii("}")) { return object }
        while true {
            s.skipWhitespace()
            guard s.peek == ascii("\"") else {
                let first = object.isEmpty
                throw s.error(
                    expected: first ? "a string key or '}'" : "a string key after ','",
                    found: keyHint(s, afterComma: !first))
            }
            let keyLocation = s.location
            let (key, _) = try s.scanString()
            if policy.rejectsDuplicateKeys, let previous = object.member(key), let at = previous.keyLocation {
                throw s.error(
                    expected: "each key only once in an object",
                    found: "\(JSONValue.quoted(key)) again (first at \(at.line):\(at.column))", at: keyLocation)
            }
            s.path.append(.key(key))
            s.skipWhitespace()
            guard s.consume(ascii(":")) else {
                throw s.error(expected: "':' after the key \(JSONValue.quoted(key))")
            }
            s.skipWhitespace()
            let value = try parseValue(&s, depth: depth, expected: "a value after ':'")
            s.path.removeLast()
            object.set(JSONObject.Member(key: key, keyLocation: keyLocation, value: value))
            s.skipWhitespace()
            if s.consume(ascii(",")) { continue }
            if s.consume(ascii("}")) { return object }
            throw s.error(expected: "',' or '}' after object member")
        }
    }

    private func keyHint(_ s: JSONScanner, afterComma: Bool) -> String {
        let found = s.describeNext()
        switch s.peek {
        case ascii("}") where afterComma: return found + " (JSON allows no trailing comma)"
        case ascii("'"): return found + " (JSON strings use double quotes)"
        case ascii("/"): return found + " (JSON has no comments)"
        case let b? where (b | 0x20) >= ascii("a") && (b | 0x20) <= ascii("z"):
            return found + " (keys need double quotes)"
        default: return found
        }
    }

    private func parseArray(_ s: inout JSONScanner, depth: Int) throws(JSONSyntaxError) -> [JSONValue] {
        try enter(s, depth: depth)
        s.advance()
        var elements: [JSONValue] = []
        s.skipWhitespace()
        if s.consume(ascii("]")) { return elements }
        while true {
            s.skipWhitespace()
            if !elements.isEmpty, s.peek == ascii("]") {
                throw s.error(expected: "a value after ','", found: "']' (JSON allows no trailing comma)")
            }
            s.path.append(.index(elements.count))
            let element = try parseValue(
                &s, depth: depth, expected: elements.isEmpty ? "a value or ']'" : "a value after ','")
            s.path.removeLast()
            elements.append(element)
            s.skipWhitespace()
            if s.consume(ascii(",")) { continue }
            if s.consume(ascii("]")) { return elements }
            throw s.error(expected: "',' or ']' after array element")
        }
    }

    /// The index of the first byte that breaks UTF-8 (overlong forms, surrogates and values
    /// past U+10FFFF included), or `nil` when all is well.
    static func firstInvalidUTF8(in bytes: [UInt8]) -> Int? {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let count: Int
            var secondRange: ClosedRange<UInt8> = 0x80...0xBF
            switch b {
            case 0x00...0x7F: count = 1
            case 0xC2...0xDF: count = 2
            case 0xE0:
                count = 3
                secondRange = 0xA0...0xBF
            case 0xED:
                count = 3
                secondRange = 0x80...0x9F
            case 0xE1...0xEF: count = 3
            case 0xF0:
                count = 4
                secondRange = 0x90...0xBF
            case 0xF4:
                count = 4
                secondRange = 0x80...0x8F
            case 0xF1...0xF3: count = 4
            default: return i
            }
            for k in 1..<count {
                guard i + k < bytes.count else { return i }
                let range = k == 1 ? secondRange : 0x80...0xBF
                guard range.contains(bytes[i + k]) else { return i }
            }
            i += count
        }
        return nil
    }
}

extension JSONValue {
    /// Parses `text` with the authoring policy.
    public init(parsing text: String, file: String = "<input>") throws(JSONSyntaxError) {
        self = try JSONParser().parse(text, file: file)
    }
}
