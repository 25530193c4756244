import EVSEModel

/// The keys a condition reads, each resolved once to the station reading it names.
///
/// Invariants and waits are evaluated after every change of the station. Looking each key up
/// by name every time, and handing the station (1.8 KB) down the condition's tree, which copied
/// it at every level, were most of the cost of running the scenario library: now the keys'
/// values are read once per evaluation and the tree looks them up by the condition's own key
/// strings (equal at their first, bitwise, comparison).
public struct ResolvedConditionKeys: Sendable {
    let keys: [String]
    let names: [QueryName?]
    /// The values of the last evaluation, kept for their storage: an invariant is evaluated
    /// after every change, and a new array each time was a tenth of its cost.
    var values: [ConditionValue?] = []

    /// Resolves every key of `condition`; a key the station does not offer has no value
    /// (evaluation then fails, as with ``StationConditions/value(_:_:)``).
    public init(_ condition: Condition) {
        keys = condition.keys
        names = keys.map { QueryName(rawValue: $0) }
    }

    /// Whether `condition` (the one the keys were resolved from) holds on `station`; nil when
    /// it cannot be evaluated. Reading a key has no effect, so reading them all up front
    /// decides exactly what the short-circuiting evaluation would.
    ///
    /// The station is `inout` only to be read in place: borrowed from mutable storage, or
    /// captured by the closure that reads a key, it was copied (1.2 KB) at every evaluation.
    mutating func holds(_ condition: Condition, on station: inout Station) -> Bool? {
        if keys.count == 1 {
            // Most conditions read one key: no array to allocate.
            var value: ConditionValue?
            if let name = names[0] { value = station.query(name) }
            let key = keys[0]
            return try? condition.evaluate { $0 == key ? value : nil }
        }
        if values.count != names.count { values = Array(repeating: nil, count: names.count) }
        for i in names.indices {
            if let name = names[i] { values[i] = station.query(name) } else { values[i] = nil }
        }
        let values = values
        let keys = keys
        return try? condition.evaluate { key in
            for (i, k) in keys.enumerated() where k == key { return values[i] }
            return nil
        }
    }
}
