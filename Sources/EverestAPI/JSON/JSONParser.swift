/// A strict JSON parser that accepts exactly what nlohmann `json::parse` accepts with its
/// defaults: RFC 8259 grammar, no comments, no trailing commas, no leading zeros, validated
/// UTF-8 and surrogate pairs, an optional UTF-8 BOM, whitespace around the value, nothing
/// after it. Numbers are classified like nlohmann (see ``JSONNumber``); a float that overflows
/// a double is an error ("number overflow"), as in nlohmann.
///
/// One deliberate difference: nesting deeper than ``maximumDepth`` is rejected. nlohmann has no
/// limit, but a recursive value that deep would overflow the stack when it is compared or
/// freed, and no EVerest payload nests more than three levels.
public struct JSONParser: Sendable {
    /// The deepest nesting of arrays and objects accepted.
    public static let maximumDepth = 512

    private let bytes: [UInt8]
    private var index = 0

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Parses a whole document.
    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        var parser = JSONParser(bytes)
        return try parser.document()
    }

    /// Parses a whole document given as text.
    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue { try parse(Array(text.utf8)) }

    private enum Frame {
        case array([JSONValue])
        case object(JSONObject, key: String)
    }

    private mutating func document() throws(JSONParseError) -> JSONValue {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        var stack: [Frame] = []
        while true {
            var value = try valueOrOpen(&stack)
            // Attach completed values to their parents until one expects more input.
            while true {
                guard let top = stack.popLast() else {
                    skipWhitespace()
                    guard index == bytes.count else { throw fail("unexpected content after the value") }
                    return value
                }
                skipWhitespace()
                let next = peek()
                switch top {
                case .array(var elements):
                    elements.append(value)
                    if next == UInt8(ascii: ",") {
                        index += 1
                        stack.append(.array(elements))
                    } else if next == UInt8(ascii: "]") {
                        index += 1
                        value = .array(elements)
                        continue
                    } else {
                        throw fail("expected ',' or ']' in an array")
                    }
                case .object(var object, let key):
                    object.append(key, value)
                    if next == UInt8(ascii: ",") {
                        index += 1
                        stack.append(.object(object, key: try memberKey()))
                    } else if next == UInt8(ascii: "}") {
                        index += 1
                        value = .object(object)
                        continue
                    } else {
                        throw fail("expected ',' or '}' in an object")
                    }
                }
                break
            }
        }
    }

    /// Reads a scalar or an empty container and returns it, or opens a container (pushing a
    /// frame) and keeps reading until a scalar or empty container is found.
    private mutating func valueOrOpen(_ stack: inout [Frame]) throws(JSONParseError) -> JSONValue {
        while true {
            skipWhitespace()
            guard let byte = peek() else { throw fail("unexpected end of input, expected a value") }
            switch byte {
            case UInt8(ascii: "["):
                try checkDepth(stack)
                index += 1
                skipWhitespace()
                if peek() == UInt8(ascii: "]") {
                    index += 1
                    return .array([])
                }
                stack.append(.array([]))
            case UInt8(ascii: "{"):
                try checkDepth(stack)
                index += 1
                skipWhitespace()
                if peek() == UInt8(ascii: "}") {
                    index += 1
                    return .object(JSONObject())
                }
                stack.append(.object(JSONObject(), key: try memberKey(skippedWhitespace: true)))
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): return try literal("true", .bool(true))
            case UInt8(ascii: "f"): return try literal("false", .bool(false))
            case UInt8(ascii: "n"): return try literal("null", .null)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
            default: throw fail("invalid literal")
            }
        }
    }

    private func checkDepth(_ stack: [Frame]) throws(JSONParseError) {
        guard stack.count < Self.maximumDepth else {
            throw fail("nesting deeper than \(Self.maximumDepth) levels (the real module would accept it)")
        }
    }

    /// `"key" :` inside an object.
    private mutating func memberKey(skippedWhitespace: Bool = false) throws(JSONParseError) -> String {
        if !skippedWhitespace { skipWhitespace() }
        guard peek() == UInt8(ascii: "\"") else { throw fail("expected a string as object key") }
        let key = try string()
        skipWhitespace()
        guard peek() == UInt8(ascii: ":") else { throw fail("expected ':' after an object key") }
        index += 1
        return key
    }

    private mutating func literal(_ word: String, _ value: JSONValue) throws(JSONParseError) -> JSONValue {
        let expected = Array(word.utf8)
        guard bytes[index...].starts(with: expected) else { throw fail("invalid literal") }
        index += expected.count
        return value
    }

    private mutating func number() throws(JSONParseError) -> JSONNumber {
        let start = index
        var isInteger = true
        if peek() == UInt8(ascii: "-") { index += 1 }
        guard let first = peek(), isDigit(first) else { throw fail("invalid number: expected a digit") }
        index += 1
        if first != UInt8(ascii: "0") { skipDigits() }
        if peek() == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard let d = peek(), isDigit(d) else { throw fail("invalid number: expected a digit after '.'") }
            skipDigits()
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { index += 1 }
            guard let d = peek(), isDigit(d) else { throw fail("invalid number: expected an exponent digit") }
            skipDigits()
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if isInteger {
            if bytes[start] == UInt8(ascii: "-") {
                if let v = Int64(text) { return .integer(v) }
            } else if let v = UInt64(text) {
                return .unsigned(v)
            }
        }
        // Too large for 64 bits, or not an integer: a double, via strtod like nlohmann.
        let value = CNumberParsing.parseDouble(text)
        guard value.isFinite else {
            index = start
            throw fail("number overflow parsing '\(text)'")
        }
        return .double(value)
    }

    private mutating func string() throws(JSONParseError) -> String {
        index += 1  // opening quote
        var out: [UInt8] = []
        while true {
            guard let byte = peek() else { throw fail("unterminated string") }
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                index += 1
                try escape(into: &out)
            case 0..<0x20:
                throw fail("control character U+00\(String(byte, radix: 16)) must be escaped")
            case 0x20..<0x80:
                out.append(byte)
                index += 1
            default:
                try utf8Sequence(into: &out)
            }
        }
    }

    private mutating func escape(into out: inout [UInt8]) throws(JSONParseError) {
        guard let byte = peek() else { throw fail("unterminated escape") }
        index += 1
        let simple: [UInt8: UInt8] = [
            UInt8(ascii: "\""): 0x22, UInt8(ascii: "\\"): 0x5C, UInt8(ascii: "/"): 0x2F, UInt8(ascii: "b"): 0x08,
            UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09,
        ]
        if let replacement = simple[byte] {
            out.append(replacement)
            return
        }
        guard byte == UInt8(ascii: "u") else { throw fail("invalid escape '\\\(Character(Unicode.Scalar(byte)))'") }
        var scalar = try hex4()
        if (0xD800...0xDBFF).contains(scalar) {
            guard bytes[index...].starts(with: Array("\\u".utf8)) else {
                throw fail("a high surrogate must be followed by a low surrogate")
            }
            index += 2
            let low = try hex4()
            guard (0xDC00...0xDFFF).contains(low) else { throw fail("invalid low surrogate") }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(scalar) {
            throw fail("a lone low surrogate is not a character")
        }
        out += Array(String(Character(Unicode.Scalar(scalar)!)).utf8)
    }

    private mutating func hex4() throws(JSONParseError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw fail("\\u needs four hex digits") }
        var value: UInt32 = 0
        for byte in bytes[index..<index + 4] {
            guard let digit = UInt32(String(UnicodeScalar(byte)), radix: 16) else {
                throw fail("\\u needs four hex digits")
            }
            value = value << 4 | digit
        }
        index += 4
        return value
    }

    /// One multi-byte UTF-8 sequence, validated like nlohmann (RFC 3629: no overlong forms,
    /// no encoded surrogates, nothing above U+10FFFF).
    private mutating func utf8Sequence(into out: inout [UInt8]) throws(JSONParseError) {
        let lead = bytes[index]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            secondRange = 0x80...0x9F
        case 0xF0:
            length = 4
            secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            secondRange = 0x80...0x8F
        default: throw fail("invalid UTF-8 byte")
        }
        guard index + length <= bytes.count else { throw fail("truncated UTF-8 sequence") }
        for i in 1..<length {
            let range = i == 1 ? secondRange : 0x80...0xBF
            guard range.contains(bytes[index + i]) else { throw fail("invalid UTF-8 sequence") }
        }
        out += bytes[index..<index + length]
        index += length
    }

    private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }
    private func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    private mutating func skipDigits() {
        while let b = peek(), isDigit(b) { index += 1 }
    }

    private mutating func skipWhitespace() {
        while let b = peek(), b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { index += 1 }
    }

    private func fail(_ reason: String) -> JSONParseError { JSONParseError(offset: index, reason: reason) }
}
