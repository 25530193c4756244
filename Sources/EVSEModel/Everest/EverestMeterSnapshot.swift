/// A billing meter reading carried by transaction events: import and optional export, in Wh.
public struct EverestMeterSnapshot: Hashable, Sendable {
    /// Total imported energy, Wh.
    public var importWh: Double
    /// Total exported energy, Wh, when the meter reports it.
    public var exportWh: Double?

    /// Creates a snapshot.
    public init(importWh: Double, exportWh: Double? = nil) {
        self.importWh = importWh
        self.exportWh = exportWh
    }
}
