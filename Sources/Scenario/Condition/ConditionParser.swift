import EVSEModel

/// Recursive-descent parser for ``Condition``, type-checking each comparison against the
/// station's keys as it goes, so that every error has an exact column.
struct ConditionParser {
    private typealias Token = ConditionLexer.Token
    private let tokens: [Token]
    private let keys: [String: ConditionKeyInfo]
    private var position = 0

    init(text: String, keys: [String: ConditionKeyInfo]) throws(ConditionError) {
        self.tokens = try ConditionLexer.tokenize(text)
        self.keys = keys
    }

    private var current: Token { tokens[position] }

    private mutating func take() -> Token {
        defer { position = min(position + 1, tokens.count - 1) }
        return current
    }

    mutating func parseWhole() throws(ConditionError) -> Condition {
        guard current.kind != .end else {
            throw ConditionError(
                column: 1, expected: "a condition like \"evse.state == C\"", found: "an empty condition")
        }
        let condition = try parseOr()
        guard current.kind == .end else {
            let found = current.kind == .close ? "')' without a matching '('" : current.found
            throw ConditionError(
                column: current.column, expected: "'&&', '||' or the end of the condition", found: found)
        }
        return condition
    }

    private mutating func parseOr() throws(ConditionError) -> Condition {
        var lhs = try parseAnd()
        while current.kind == .or {
            _ = take()
            lhs = .or(lhs, try parseAnd())
        }
        return lhs
    }

    private mutating func parseAnd() throws(ConditionError) -> Condition {
        var lhs = try parseUnary()
        while current.kind == .and {
            _ = take()
            lhs = .and(lhs, try parseUnary())
        }
        return lhs
    }

    private mutating func parseUnary() throws(ConditionError) -> Condition {
        switch current.kind {
        case .not:
            _ = take()
            return .not(try parseUnary())
        case .open:
            let open = take()
            let inner = try parseOr()
            guard current.kind == .close else {
                throw ConditionError(
                    column: current.column, expected: "')' to close the '(' at column \(open.column)",
                    found: current.found)
            }
            _ = take()
            return inner
        default:
            return try parseComparison()
        }
    }

    private mutating func parseComparison() throws(ConditionError) -> Condition {
        let keyToken = take()
        guard case .word(let key) = keyToken.kind else {
            throw ConditionError(
                column: keyToken.column, expected: "a key such as \"evse.state\", '!' or '('", found: keyToken.found)
        }
        guard let info = keys[key] else {
            throw ConditionError(
                column: keyToken.column, expected: "a known key", found: "'\(key)'", choices: keys.keys.sorted(),
                suggestion: NearMiss.suggestion(for: key, among: keys.keys.sorted()))
        }
        let opToken = take()
        guard case .op(let op) = opToken.kind else {
            throw ConditionError(
                column: opToken.column, expected: "a comparison operator (==, !=, <, <=, >, >=) after \(key)",
                found: opToken.found)
        }
        if case .number = info.type {
        } else if !op.isEquality {
            throw ConditionError(
                column: opToken.column, expected: "== or != (\(key) is \(info.typeDescription))", found: opToken.found)
        }
        let value = try parseValue(for: key, info, take())
        return .compare(key: key, op, value)
    }

    private func parseValue(for key: String, _ info: ConditionKeyInfo, _ token: Token) throws(ConditionError)
        -> ConditionValue
    {
        switch (info.type, token.kind) {
        case (.number(let unit), .number(let value, let suffix)):
            var scaled: Double?
            if suffix.isEmpty {
                scaled = value
            } else if let scale = unit.suffixes.first(where: { $0.suffix == suffix })?.scale {
                scaled = scale.apply(value)
            }
            if let scaled {
                // A ratio is 0…1: "vehicle.soc >= 80" is almost certainly a forgotten "%".
                guard unit != .ratio || (0...1).contains(scaled) else {
                    return try fail(token, expected: "a ratio from 0 to 1 or a percentage like 80% for \(key)")
                }
                return .number(scaled)
            }
            let allowed = unit.suffixes.map(\.suffix)
            let expected =
                allowed.isEmpty
                ? "a plain number for \(key) (it has no unit)"
                : "a number for \(key) (in \(allowed.joined(separator: " or ")), or without a unit)"
            if let other = ConditionUnit.unit(ofSuffix: suffix) {
                // A real unit of another quantity: no spelling suggestion can fix that.
                throw ConditionError(column: token.column, expected: expected, found: "\(token.found) (\(other.name))")
            }
            return try fail(
                token, expected: expected,
                suggestion: NearMiss.suggestion(for: suffix, among: allowed).map {
                    token.text.dropLast(suffix.count) + $0
                })
        case (.number, _):
            return try fail(token, expected: "\(info.typeDescription) for \(key)")
        case (.state(let names), .word(let name)), (.state(let names), .quoted(let name)):
            guard names.contains(name) else {
                return try fail(
                    token, expected: "a state of \(key)", choices: names,
                    suggestion: NearMiss.suggestion(for: name, among: names))
            }
            return .string(name)
        case (.bool, .word("true")): return .bool(true)
        case (.bool, .word("false")): return .bool(false)
        case (.string, .word(let s)), (.string, .quoted(let s)): return .string(s)
        default:
            return try fail(token, expected: "\(info.typeDescription) for \(key)")
        }
    }

    private func fail(
        _ token: Token, expected: String, choices: [String] = [], suggestion: String? = nil
    ) throws(ConditionError) -> ConditionValue {
        let found = token.found
        throw ConditionError(
            column: token.column, expected: expected, found: found, choices: choices, suggestion: suggestion)
    }
}
