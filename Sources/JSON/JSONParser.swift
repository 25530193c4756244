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
        var tree = Builder()
        try parseValue(&scanner, &tree, depth: 0, expected: "a JSON value")
        scanner.skipWhitespace()
        guard scanner.isAtEnd else {
            throw scanner.error(expected: "the end of the document after the top-level value")
        }
        return JSONTree(source: bytes, text: tree.text, nodes: tree.nodes).value(at: 0)
    }

    /// The nodes and decoded strings of the document being parsed.
    private struct Builder {
        var nodes = JSONNodeStore()
        var text: [UInt8] = []

        mutating func append(
            _ tag: JSONNode.Tag, _ location: PackedLocation, start: Int = 0, count: Int = 0, flags: UInt8 = 0
        ) -> Int {
            nodes.append(JSONNode(location: location, start: start, count: UInt32(count), tag: tag, flags: flags))
        }

        /// Records where the array or object at `index` ends, now that its last member is read.
        mutating func close(_ index: Int, count: Int) {
            nodes[index].start = nodes.count
            nodes[index].count = UInt32(count)
        }

        /// The decoded text of the string node at `index`.
        func string(at index: Int, source: [UInt8]) -> String {
            let node = nodes[index]
            let range = node.start..<node.start + Int(node.count)
            return String(decoding: node.isInSource ? source[range] : text[range], as: UTF8.self)
        }
    }

    /// Parses a whole document given as a string.
    public func parse(_ text: String, file: String) throws(JSONSyntaxError) -> JSONValue {
        try parse(Array(text.utf8), file: file)
    }

    private func parseValue(
        _ s: inout JSONScanner, _ t: inout Builder, depth: Int, expected: String
    ) throws(JSONSyntaxError) {
        let start = s.packedLocation
        s.values += 1
        guard s.values <= policy.maximumValues else {
            throw s.error(
                expected: "at most \(policy.maximumValues) JSON values in one document",
                found: "value number \(s.values)")
        }
        switch s.peek {
        case ascii("{"):
            try parseObject(&s, &t, depth: depth + 1)
        case ascii("["):
            try parseArray(&s, &t, depth: depth + 1)
        case ascii("\""):
            try scanString(&s, &t, location: start)
        case let b? where b == ascii("-") || (ascii("0")...ascii("9")).contains(b):
            let range = try s.scanNumber()
            _ = t.append(.number, start, start: range.lowerBound, count: range.count, flags: JSONNode.inSourceFlag)
        case ascii("t") where matchWord(&s, "true"):
            _ = t.append(.bool, start, flags: JSONNode.trueFlag)
        case ascii("f") where matchWord(&s, "false"):
            _ = t.append(.bool, start)
        case ascii("n") where matchWord(&s, "null"):
            _ = t.append(.null, start)
        case ascii("'"):
            throw s.error(expected: expected, found: "''' (JSON strings use double quotes)")
        case ascii("/"):
            throw s.error(expected: expected, found: "'/' (JSON has no comments)")
        default:
            throw s.error(expected: expected)
        }
    }

    /// Reads a string (a value or a key) into a node; returns the node's index.
    @discardableResult
    private func scanString(
        _ s: inout JSONScanner, _ t: inout Builder, location: PackedLocation
    ) throws(JSONSyntaxError) -> Int {
        let (start, count, inSource) = try s.scanString(into: &t.text)
        guard count <= UInt32.max else {
            throw s.error(expected: "a string shorter than 4 GiB", found: "\(count) bytes", at: location.location)
        }
        return t.append(.string, location, start: start, count: count, flags: inSource ? JSONNode.inSourceFlag : 0)
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

    /// Up to this many members, a repeated key is found by comparing with each earlier key.
    private static let linearKeySearchLimit = 16

    private func parseObject(_ s: inout JSONScanner, _ t: inout Builder, depth: Int) throws(JSONSyntaxError) {
        try enter(s, depth: depth)
        let object = t.append(.object, s.packedLocation)
        s.advance()
        s.skipWhitespace()
        if s.consume(ascii("}")) { return t.close(object, count: 0) }
        var keys: [(key: String, node: Int)] = []
        var keyIndex: [String: Int] = [:]
        while true {
            s.skipWhitespace()
            guard s.peek == ascii("\"") else {
                let first = keys.isEmpty
                throw s.error(
                    expected: first ? "a string key or '}'" : "a string key after ','",
                    found: keyHint(s, afterComma: !first))
            }
            let keyLocation = s.packedLocation
            let keyNode = try scanString(&s, &t, location: keyLocation)
            let key = t.string(at: keyNode, source: s.bytes)
            let previous: Int?
            if keys.count < Self.linearKeySearchLimit {
                previous = keys.first { $0.key == key }?.node
            } else {
                if keyIndex.isEmpty { for k in keys { keyIndex[k.key] = keyIndex[k.key] ?? k.node } }
                previous = keyIndex[key]
                if previous == nil { keyIndex[key] = keyNode }
            }
            if let previous {
                guard !policy.rejectsDuplicateKeys else {
                    let at = t.nodes[previous].location.location
                    throw s.error(
                        expected: "each key only once in an object",
                        found: "\(JSONValue.quoted(key)) again (first at \(at?.line ?? 0):\(at?.column ?? 0))",
                        at: keyLocation.location)
                }
                t.nodes[object].flags |= JSONNode.repeatedKeysFlag
            }
            keys.append((key, keyNode))
            s.path.append(.key(key))
            s.skipWhitespace()
            guard s.consume(ascii(":")) else {
                throw s.error(expected: "':' after the key \(JSONValue.quoted(key))")
            }
            s.skipWhitespace()
            try parseValue(&s, &t, depth: depth, expected: "a value after ':'")
            s.path.removeLast()
            s.skipWhitespace()
            if s.consume(ascii(",")) { continue }
            if s.consume(ascii("}")) { return t.close(object, count: keys.count) }
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

    private func parseArray(_ s: inout JSONScanner, _ t: inout Builder, depth: Int) throws(JSONSyntaxError) {
        try enter(s, depth: depth)
        let array = t.append(.array, s.packedLocation)
        s.advance()
        var count = 0
        s.skipWhitespace()
        if s.consume(ascii("]")) { return t.close(array, count: 0) }
        while true {
            s.skipWhitespace()
            if count > 0, s.peek == ascii("]") {
                throw s.error(expected: "a value after ','", found: "']' (JSON allows no trailing comma)")
            }
            s.path.append(.index(count))
            try parseValue(&s, &t, depth: depth, expected: count == 0 ? "a value or ']'" : "a value after ','")
            s.path.removeLast()
            count += 1
            s.skipWhitespace()
            if s.consume(ascii(",")) { continue }
            if s.consume(ascii("]")) { return t.close(array, count: count) }
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
