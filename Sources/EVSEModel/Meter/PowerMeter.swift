import SimCore

/// The station's energy meter: exact energy integration plus seeded measurement noise.
///
/// Energy is integrated from the true (noise-free) power between events, so it never decreases
/// and does not depend on when it is sampled; noise is added only to the values a reading
/// reports.
public struct PowerMeter: Hashable, Sendable {
    /// Imported energy since the station was built (J).
    public private(set) var importedJoules: Double = 0
    /// Per-phase imported energy (J), held inline: an array here was a separate allocation per
    /// station whose uniqueness every integration step checked (a cache miss per station and
    /// second in a large fleet).
    private var joules1 = 0.0
    private var joules2 = 0.0
    private var joules3 = 0.0

    public init() {}

    /// Per-phase imported energy (J), L1 to L3.
    public var phaseJoules: [Double] { [joules1, joules2, joules3] }

    /// Per-phase imported energy (Wh) of the first `phases` phases.
    public func phaseImportedWh(phases: Int) -> [Double] {
        (0..<min(max(phases, 0), 3)).map { ($0 == 0 ? joules1 : $0 == 1 ? joules2 : joules3) / 3600 }
    }

    /// Adds energy for `seconds` at true power `watts` on each of the first `phases` phases.
    mutating func integrate(phases: Int, watts w: Double, seconds: Double) {
        guard seconds > 0, w > 0 else { return }
        // Phase by phase, as the total always summed (the same additions in the same order).
        if phases > 0 {
            joules1 += w * seconds
            importedJoules += w * seconds
        }
        if phases > 1 {
            joules2 += w * seconds
            importedJoules += w * seconds
        }
        if phases > 2 {
            joules3 += w * seconds
            importedJoules += w * seconds
        }
    }

    /// Imported energy in Wh.
    public var importedWh: Double { importedJoules / 3600 }
}

/// One meter reading: what a protocol face publishes.
public struct MeterReading: Hashable, Sendable {
    public var time: SimInstant
    /// Per-phase voltage (V), current (A) and power (W), for the phases the station has.
    public var voltage: [Double]
    public var current: [Double]
    public var power: [Double]
    public var totalPower: Double
    public var frequency: Double
    /// Imported energy (Wh), total and per phase.
    public var importedWh: Double
    public var phaseImportedWh: [Double]
}
