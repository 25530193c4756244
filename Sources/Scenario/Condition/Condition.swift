import EVSEModel

/// A condition over the station's observable state, as written in `wait`, `never` and
/// `always` steps: comparisons `key op value` joined by `&&`, `||` and `!`, with parentheses.
///
/// `!` binds tightest, then `&&`, then `||`. Values carry the key's base unit: in
/// `vehicle.soc >= 80%` the value is 0.8, in `meter.power > 7kW` it is 7000.
public indirect enum Condition: Hashable, Sendable {
    /// `key op value`.
    case compare(key: String, ConditionOperator, ConditionValue)
    /// `!condition`.
    case not(Condition)
    /// `lhs && rhs`.
    case and(Condition, Condition)
    /// `lhs || rhs`.
    case or(Condition, Condition)

    /// Parses and type-checks `text` against the keys a station offers.
    /// - Throws: ``ConditionError`` with the 1-based column inside `text`.
    public init(parsing text: String, keys: [String: ConditionKeyInfo]) throws(ConditionError) {
        var parser = try ConditionParser(text: text, keys: keys)
        self = try parser.parseWhole()
    }

    /// Every key the condition reads, in order of first appearance.
    public var keys: [String] {
        var out: [String] = []
        func walk(_ c: Condition) {
            switch c {
            case .compare(let key, _, _): if !out.contains(key) { out.append(key) }
            case .not(let inner): walk(inner)
            case .and(let a, let b), .or(let a, let b):
                walk(a)
                walk(b)
            }
        }
        walk(self)
        return out
    }

    /// Evaluates the condition with the current value of each key; `&&` and `||` short-circuit.
    /// - Parameter lookup: The current value of a key, or `nil` if the station has none.
    /// - Throws: ``ConditionEvaluationError`` when a key has no value or a value of another type
    ///   than validation assumed: both are bugs in the caller's key list, never a "false".
    public func evaluate(_ lookup: (String) -> ConditionValue?) throws(ConditionEvaluationError) -> Bool {
        try evaluate(on: ()) { _, key in lookup(key) }
    }

    /// ``evaluate(_:)`` reading the keys of `subject` in place. A lookup closure that captures a
    /// large value, or a pointer to it, copies the whole value on every read; a borrowed
    /// parameter does not (a station is 1.8 KB of references).
    public func evaluate<Subject>(
        on subject: borrowing Subject, _ lookup: (borrowing Subject, String) -> ConditionValue?
    ) throws(ConditionEvaluationError) -> Bool {
        switch self {
        case .not(let inner): return try !inner.evaluate(on: subject, lookup)
        case .and(let a, let b): return try a.evaluate(on: subject, lookup) ? b.evaluate(on: subject, lookup) : false
        case .or(let a, let b): return try a.evaluate(on: subject, lookup) ? true : b.evaluate(on: subject, lookup)
        case .compare(let key, let op, let expected):
            guard let actual = lookup(subject, key) else {
                throw ConditionEvaluationError(key: key, actual: nil, expected: expected)
            }
            switch (actual, expected) {
            case (.number(let x), .number(let y)): return op.compare(x, y)
            case (.string(let x), .string(let y)) where op.isEquality: return op == .equal ? x == y : x != y
            case (.bool(let x), .bool(let y)) where op.isEquality: return op == .equal ? x == y : x != y
            default: throw ConditionEvaluationError(key: key, actual: actual, expected: expected)
            }
        }
    }
}

extension Condition: CustomStringConvertible {
    /// A normalised form: values in base units, parentheses only where needed.
    public var description: String { render(parentPrecedence: 0) }

    private var precedence: Int {
        switch self {
        case .or: 1
        case .and: 2
        case .not, .compare: 3
        }
    }

    private func render(parentPrecedence: Int) -> String {
        let text: String
        switch self {
        case .compare(let key, let op, let value): text = "\(key) \(op.rawValue) \(value)"
        case .not(let inner): text = "!(" + inner.render(parentPrecedence: 0) + ")"
        case .and(let a, let b): text = a.render(parentPrecedence: 2) + " && " + b.render(parentPrecedence: 2)
        case .or(let a, let b): text = a.render(parentPrecedence: 1) + " || " + b.render(parentPrecedence: 1)
        }
        return precedence < parentPrecedence ? "(\(text))" : text
    }
}

/// A comparison operator.
public enum ConditionOperator: String, Hashable, Sendable, CaseIterable {
    /// `==`
    case equal = "=="
    /// `!=`
    case notEqual = "!="
    /// `<`
    case less = "<"
    /// `<=`
    case lessOrEqual = "<="
    /// `>`
    case greater = ">"
    /// `>=`
    case greaterOrEqual = ">="

    /// `==` and `!=`, the only operators for names and booleans.
    public var isEquality: Bool { self == .equal || self == .notEqual }

    /// Applies the operator to two numbers.
    public func compare(_ x: Double, _ y: Double) -> Bool {
        switch self {
        case .equal: x == y
        case .notEqual: x != y
        case .less: x < y
        case .lessOrEqual: x <= y
        case .greater: x > y
        case .greaterOrEqual: x >= y
        }
    }
}
