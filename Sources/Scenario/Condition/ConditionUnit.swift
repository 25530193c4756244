/// The physical unit a numeric condition key is measured in, which decides the unit suffixes
/// its values may carry (`16A`, `7kW`, `80%`).
public enum ConditionUnit: String, Hashable, Sendable, CaseIterable {
    /// A plain number; no suffix allowed.
    case none
    /// Amperes: `16A`.
    case amperes
    /// Volts: `230V`.
    case volts
    /// Watts: `7400W`, `7.4kW`.
    case watts
    /// Watt-hours: `500Wh`, `12kWh`.
    case wattHours
    /// Seconds: `30s`.
    case seconds
    /// A fraction from 0 to 1, written as one or as a percentage: `0.8`, `80%`.
    case ratio
    /// Degrees Celsius, written `C` since `°` is awkward to type: `45C`.
    case celsius

    /// The suffixes that express a value in this unit, with what they mean in base units.
    var suffixes: [(suffix: String, scale: Scale)] {
        switch self {
        case .none: []
        case .amperes: [("A", .times(1))]
        case .volts: [("V", .times(1))]
        case .watts: [("W", .times(1)), ("kW", .times(1000))]
        case .wattHours: [("Wh", .times(1)), ("kWh", .times(1000))]
        case .seconds: [("s", .times(1))]
        case .ratio: [("%", .dividedBy(100))]
        case .celsius: [("C", .times(1))]
        }
    }

    /// How a suffix turns the written number into base units. Percentages divide, so that
    /// `80%` is exactly the double nearest 0.8 (`80 * 0.01` is not).
    enum Scale: Sendable {
        case times(Double)
        case dividedBy(Double)

        func apply(_ x: Double) -> Double {
            switch self {
            case .times(let k): x * k
            case .dividedBy(let k): x / k
            }
        }
    }

    /// The quantity's name in messages: "amperes", "a ratio", ….
    var name: String {
        switch self {
        case .none: "no unit"
        case .amperes: "amperes"
        case .volts: "volts"
        case .watts: "watts"
        case .wattHours: "watt-hours"
        case .seconds: "seconds"
        case .ratio: "a percentage"
        case .celsius: "degrees Celsius"
        }
    }

    /// The unit a suffix belongs to.
    static func unit(ofSuffix suffix: String) -> ConditionUnit? {
        allCases.first { $0.suffixes.contains { $0.suffix == suffix } }
    }
}
