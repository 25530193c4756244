/// The board's hardware capabilities (`evse_board_support` `HardwareCapabilities`).
public struct HardwareCapabilities: Hashable, Sendable {
    /// The connector kind; a socket limits the current to the cable's PP rating.
    public enum ConnectorType: String, Hashable, Sendable, CaseIterable, Codable {
        case type2Cable = "IEC62196Type2Cable"
        case type2Socket = "IEC62196Type2Socket"
    }

    public var maxPhaseCountImport: Int
    public var minPhaseCountImport: Int
    public var maxPhaseCountExport: Int
    public var minPhaseCountExport: Int
    public var supportsChangingPhasesDuringCharging: Bool
    public var maxCurrentAImport: Double
    public var minCurrentAImport: Double
    public var maxCurrentAExport: Double
    public var minCurrentAExport: Double
    /// Optional in EVerest.
    public var maxPlugTemperatureC: Double?
    public var connectorType: ConnectorType

    /// Creates capabilities; the defaults are the YetiSimulator's (reference/everest.md §1.4).
    public init(
        maxPhaseCountImport: Int = 3, minPhaseCountImport: Int = 1, maxPhaseCountExport: Int = 3,
        minPhaseCountExport: Int = 1, supportsChangingPhasesDuringCharging: Bool = true,
        maxCurrentAImport: Double = 32, minCurrentAImport: Double = 6, maxCurrentAExport: Double = 16,
        minCurrentAExport: Double = 0, maxPlugTemperatureC: Double? = nil, connectorType: ConnectorType = .type2Cable
    ) {
        self.maxPhaseCountImport = maxPhaseCountImport
        self.minPhaseCountImport = minPhaseCountImport
        self.maxPhaseCountExport = maxPhaseCountExport
        self.minPhaseCountExport = minPhaseCountExport
        self.supportsChangingPhasesDuringCharging = supportsChangingPhasesDuringCharging
        self.maxCurrentAImport = maxCurrentAImport
        self.minCurrentAImport = minCurrentAImport
        self.maxCurrentAExport = maxCurrentAExport
        self.minCurrentAExport = minCurrentAExport
        self.maxPlugTemperatureC = maxPlugTemperatureC
        self.connectorType = connectorType
    }
}
