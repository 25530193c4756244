import EVSEModel

/// A condition with each of its keys resolved once to the station reading it names.
///
/// Invariants and waits are evaluated after every change of the station. Looking each key up
/// by name every time, and handing the station (1.2 KB) down the condition's tree, which copied
/// it at every level, were most of the cost of running the scenario library; then the generic
/// evaluation, its lookup closures and their key comparisons were: the resolved tree is
/// evaluated directly, reading each key where the short-circuiting evaluation reaches it.
public struct ResolvedConditionKeys: Sendable {
    /// A condition's tree with its keys resolved (nil: the station offers no such key).
    indirect enum Node: Sendable {
        case compare(QueryName?, ConditionOperator, ConditionValue)
        case not(Node)
        case and(Node, Node)
        case or(Node, Node)

        init(_ condition: Condition) {
            switch condition {
            case .compare(let key, let op, let value): self = .compare(QueryName(rawValue: key), op, value)
            case .not(let inner): self = .not(Node(inner))
            case .and(let a, let b): self = .and(Node(a), Node(b))
            case .or(let a, let b): self = .or(Node(a), Node(b))
            }
        }
    }

    let tree: Node

    /// Resolves every key of `condition`; a key the station does not offer has no value
    /// (evaluation then fails, as with ``StationConditions/value(_:_:)``).
    public init(_ condition: Condition) { tree = Node(condition) }

    /// Whether the condition the keys were resolved from holds on `station`; nil when it cannot
    /// be evaluated (a key without a value, or a value of another type than validation
    /// assumed), exactly as ``Condition/evaluate(_:)`` decides by name.
    ///
    /// The station is `inout` only to be read in place: borrowed from mutable storage, or
    /// captured by a closure that reads a key, it was copied at every evaluation.
    func holds(on station: inout Station) -> Bool? { Self.evaluate(tree, on: &station) }

    private static func evaluate(_ node: Node, on station: inout Station) -> Bool? {
        switch node {
        case .not(let inner):
            return evaluate(inner, on: &station).map { !$0 }
        case .and(let a, let b):
            guard let x = evaluate(a, on: &station) else { return nil }
            return x ? evaluate(b, on: &station) : false
        case .or(let a, let b):
            guard let x = evaluate(a, on: &station) else { return nil }
            return x ? true : evaluate(b, on: &station)
        case .compare(let name, let op, let expected):
            guard let name else { return nil }
            switch (station.read(name), expected) {
            case (.number(let x), .number(let y)): return op.compare(x, y)
            case (.string(let x), .string(let y)) where op.isEquality: return op == .equal ? x == y : x != y
            case (.bool(let x), .bool(let y)) where op.isEquality: return op == .equal ? x == y : x != y
            default: return nil
            }
        }
    }
}
