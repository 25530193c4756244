import EVSEModel

/// Bridges the station's query keys to scenario conditions.
public enum StationConditions {
    /// Condition keys for validation, from ``Station/queryKeys``.
    public static let keys: [String: ConditionKeyInfo] = {
        var out: [String: ConditionKeyInfo] = [:]
        for k in Station.queryKeys {
            switch k.kind {
            case .bool: out[k.name] = .bool(summary: k.help)
            case .text: out[k.name] = k.choices.isEmpty ? .string(summary: k.help) : .state(k.choices, summary: k.help)
            case .number:
                let unit: ConditionUnit =
                    switch (k.name, k.unit) {
                    case ("vehicle.soc", _): .ratio
                    case (_, "A"): .amperes
                    case (_, "V"): .volts
                    case (_, "W"): .watts
                    case (_, "Wh"): .wattHours
                    case (_, "s"): .seconds
                    case (_, "C"): .celsius
                    default: .none
                    }
                out[k.name] = .number(unit, summary: k.help)
            }
        }
        return out
    }()

    /// A station reading as a condition value.
    public static func value(_ station: Station, _ key: String) -> ConditionValue? { station.query(key) }

    /// Whether `condition` holds for `station`; nil when it cannot be evaluated (a key without
    /// a value). The station is borrowed: a closure that captured it, or a pointer to it, copied
    /// the whole station on every evaluation, which was most of the time.
    public static func holds(_ condition: Condition, on station: borrowing Station) -> Bool? {
        try? condition.evaluate(on: station) { station, key in station.query(key) }
    }

    /// ``holds(_:on:)`` for a condition whose keys were resolved beforehand (for conditions
    /// evaluated after every change); the station is `inout` only to be read in place.
    public static func holds(on station: inout Station, keys: ResolvedConditionKeys) -> Bool? {
        keys.holds(on: &station)
    }

    /// The catalog a scenario is validated against.
    public static func catalog(_ library: ProfileLibrary) -> ScenarioCatalog {
        ScenarioCatalog(
            stationProfiles: library.stationNames, vehicleProfiles: library.vehicleNames, conditionKeys: keys)
    }

    /// The keys as a Markdown table, for the README and `evsesim list --condition-keys`.
    public static var markdownTable: String {
        var out = "| key | type | unit | meaning |\n|---|---|---|---|\n"
        for k in Station.queryKeys {
            let type = k.kind == .text && !k.choices.isEmpty ? "name" : k.kind.rawValue
            let unit = k.name == "vehicle.soc" ? "fraction (80% = 0.8)" : k.unit
            out += "| `\(k.name)` | \(type) | \(unit) | \(k.help) |\n"
        }
        return out
    }
}
