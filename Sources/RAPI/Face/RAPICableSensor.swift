/// One D9 cable NTC sensor of `$SN`/`$GN` (D9 `processCmd()`, case `SN`): where it is wired and how
/// its resistance becomes a temperature.
public struct RAPICableSensor: Hashable, Sendable {
    /// 0 none, 1 PP, 2 PP2.
    public var pin: Int32 = 0
    /// Resistance at 25 °C (Ω), 100–65535.
    public var r25: Int32 = 10_000
    /// B constant, 1000–6000.
    public var beta: Int32 = 3_950
    /// Calibration offset in 0.1 °C, −2000–2000.
    public var offset: Int32 = 0
    /// Panic threshold in 0.1 °C, 300–1500.
    public var panic: Int32 = 900

    /// An unassigned sensor with typical NTC values.
    public init() {}

    /// The `$GN <idx>` reply text: `pin r25 beta offset panic`.
    public var replyText: String { "\(pin) \(r25) \(beta) \(offset) \(panic)" }

    /// Whether `$SN` accepts these values (D9 `processCmd()`, case `SN`, ranges).
    public var isValid: Bool {
        (0...2).contains(pin) && (100...65_535).contains(r25) && (1_000...6_000).contains(beta)
            && (-2_000...2_000).contains(offset) && (300...1_500).contains(panic)
    }
}
