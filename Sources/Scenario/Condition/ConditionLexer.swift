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

    static func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }

    static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        c.isASCII && (c.properties.isAlphabetic || isDigit(c) || c == "_" || c == ".")
    }

    static func tokenize(_ text: String) throws(ConditionError) -> [Token] {
        let s = Array(text.unicodeScalars)
        var tokens: [Token] = []
        var i = 0
        func token(_ kind: Token.Kind, _ start: Int) {
            tokens.append(Token(kind: kind, column: start + 1, text: String(String.UnicodeScalarView(s[start..<i]))))
        }
        while i < s.count {
            let c = s[i]
            let start = i
            if c == " " || c == "\t" {
                i += 1
                continue
            }
            let next: Unicode.Scalar? = i + 1 < s.count ? s[i + 1] : nil
            switch c {
            case "(": i += 1; token(.open, start)
            case ")": i += 1; token(.close, start)
            case "&" where next == "&": i += 2; token(.and, start)
            case "|" where next == "|": i += 2; token(.or, start)
            case "=" where next == "=": i += 2; token(.op(.equal), start)
            case "!" where next == "=": i += 2; token(.op(.notEqual), start)
            case "<" where next == "=": i += 2; token(.op(.lessOrEqual), start)
            case ">" where next == "=": i += 2; token(.op(.greaterOrEqual), start)
            case "<": i += 1; token(.op(.less), start)
            case ">": i += 1; token(.op(.greater), start)
            case "!": i += 1; token(.not, start)
            case "&", "|", "=":
                let double = "\(c)\(c)"
                let meaning = c == "=" ? "'==' to compare" : "'\(double)'"
                throw ConditionError(column: start + 1, expected: meaning, found: "'\(c)' alone")
            case "\"", "'":
                i += 1
                while i < s.count, s[i] != c { i += 1 }
                guard i < s.count else {
                    throw ConditionError(
                        column: start + 1, expected: "\(c) to close the quoted value", found: "the end of the condition")
                }
                i += 1
                tokens.append(
                    Token(
                        kind: .quoted(String(String.UnicodeScalarView(s[start + 1..<i - 1]))), column: start + 1,
                        text: String(String.UnicodeScalarView(s[start..<i]))))
            case "-" where next.map(isDigit) ?? false, _ where isDigit(c):
                i += 1
                while i < s.count, isDigit(s[i]) || s[i] == "." { i += 1 }
                let digits = String(String.UnicodeScalarView(s[start..<i]))
                let suffixStart = i
                while i < s.count, s[i] == "%" || (s[i].isASCII && s[i].properties.isAlphabetic) { i += 1 }
                guard let value = Double(digits) else {
                    throw ConditionError(column: start + 1, expected: "a number", found: "'\(digits)'")
                }
                token(.number(value, suffix: String(String.UnicodeScalarView(s[suffixStart..<i]))), start)
            case _ where isWordScalar(c):
                while i < s.count, isWordScalar(s[i]) { i += 1 }
                token(.word(String(String.UnicodeScalarView(s[start..<i]))), start)
            default:
                throw ConditionError(
                    column: start + 1, expected: "a key, a value, an operator or a parenthesis", found: "'\(c)'")
            }
        }
        tokens.append(Token(kind: .end, column: s.count + 1, text: ""))
        return tokens
    }
}
