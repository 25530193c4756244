import EVSEModel

/// Splits a condition string into tokens, each with its 1-based column.
struct ConditionLexer {
    struct Token: Sendable {
        enum Kind: Sendable, Equatable {
            /// A key or a bare value: `evse.state`, `C`, `true`.
            case word(String)
            /// A number with its unit suffix as written (`""`, `"kW"`, `"%"`).
            case number(Double, suffix: String)
            /// A quoted string.
            case quoted(String)
            case op(ConditionOperator)
            case and, or, not, open, close, end
        }
        var kind: Kind
        var column: Int
        /// The source text, for messages.
        var text: String

        /// How the token reads after "found".
        var found: String {
            kind == .end ? Token.endDescription : "'\(text)'"
        }

        static let endDescription = "the end of the condition"
    }

    /// Punctuation, two-character symbols first so that `<=` is not read as `<`.
    private static let symbols: [(text: String, kind: Token.Kind)] = [
        ("&&", .and), ("||", .or), ("==", .op(.equal)), ("!=", .op(.notEqual)), ("<=", .op(.lessOrEqual)),
        (">=", .op(.greaterOrEqual)), ("<", .op(.less)), (">", .op(.greater)), ("!", .not), ("(", .open),
        (")", .close),
    ]

    /// ``symbols`` as scalars, made once: matching every symbol's text at every token was most
    /// of the cost of reading a condition.
    private static let symbolScalars = symbols.map { Array($0.text.unicodeScalars) }

    private static func starts(_ s: [Unicode.Scalar], at i: Int, with symbol: [Unicode.Scalar]) -> Bool {
        guard s.count - i >= symbol.count else { return false }
        for j in symbol.indices where s[i + j] != symbol[j] { return false }
        return true
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }

    static func isWordScalar(_ c: Unicode.Scalar) -> Bool { ConditionValue.isWordScalar(c) }

    static func tokenize(_ text: String) throws(ConditionError) -> [Token] {
        let s = Array(text.unicodeScalars)
        func slice(_ r: Range<Int>) -> String { String(String.UnicodeScalarView(s[r])) }
        var tokens: [Token] = []
        var i = 0
        while i < s.count {
            let c = s[i]
            let start = i
            if c == " " || c == "\t" {
                i += 1
                continue
            }
            if let k = symbolScalars.indices.first(where: { Self.starts(s, at: i, with: symbolScalars[$0]) }) {
                i += symbolScalars[k].count
                tokens.append(Token(kind: symbols[k].kind, column: start + 1, text: symbols[k].text))
                continue
            }
            let next: Unicode.Scalar? = i + 1 < s.count ? s[i + 1] : nil
            switch c {
            case "&", "|", "=":
                let expected = c == "=" ? "'==' to compare" : "'\(c)\(c)'"
                throw ConditionError(column: start + 1, expected: expected, found: "'\(c)' alone")
            case "\"", "'":
                i += 1
                while i < s.count, s[i] != c { i += 1 }
                guard i < s.count else {
                    throw ConditionError(
                        column: start + 1, expected: "\(c) to close the quoted value", found: Token.endDescription)
                }
                i += 1
                tokens.append(Token(kind: .quoted(slice(start + 1..<i - 1)), column: start + 1, text: slice(start..<i)))
            case "-" where next.map(isDigit) ?? false, _ where isDigit(c):
                i += 1
                while i < s.count, isDigit(s[i]) || s[i] == "." { i += 1 }
                let digits = slice(start..<i)
                let suffixStart = i
                while i < s.count, s[i] == "%" || (s[i].isASCII && s[i].properties.isAlphabetic) { i += 1 }
                guard let value = Double(digits) else {
                    throw ConditionError(column: start + 1, expected: "a number", found: "'\(digits)'")
                }
                tokens.append(
                    Token(
                        kind: .number(value, suffix: slice(suffixStart..<i)), column: start + 1, text: slice(start..<i))
                )
            case _ where isWordScalar(c):
                while i < s.count, isWordScalar(s[i]) { i += 1 }
                tokens.append(Token(kind: .word(slice(start..<i)), column: start + 1, text: slice(start..<i)))
            default:
                throw ConditionError(
                    column: start + 1, expected: "a key, a value, an operator or a parenthesis", found: "'\(c)'")
            }
        }
        tokens.append(Token(kind: .end, column: s.count + 1, text: ""))
        return tokens
    }
}
