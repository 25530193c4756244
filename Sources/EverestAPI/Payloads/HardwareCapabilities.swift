/// The board's hardware capabilities (`evse_board_support` `HardwareCapabilities`).
public struct HardwareCapabilities: Hashable, Sendable {
    /// The connector kind; a socket limits the current to the cable's PP rating.
    public enum ConnectorType: String, Hashable, Sendable, CaseIterable, Codable {
        /// A tethered Type 2 cable.
        case type2Cable = "IEC62196Type2Cable"
        /// A Type 2 socket (current limited by the PP rating).
        case type2Socket = "IEC62196Type2Socket"
    }

    /// Most phases when charging.
    public var maxPhaseCountImport: Int
    /// Fewest phases when charging.
    public var minPhaseCountImport: Int
    /// Most phases when discharging.
    public var maxPhaseCountExport: Int
    /// Fewest phases when discharging.
    public var minPhaseCountExport: Int
    /// Whether 1ph/3ph switching works during a session.
    public var supportsChangingPhasesDuringCharging: Bool
    /// Largest charging current, A.
    public var maxCurrentAImport: Double
    /// Smallest charging current, A.
    public var minCurrentAImport: Double
    /// Largest discharging current, A.
    public var maxCurrentAExport: Double
    /// Smallest discharging current, A.
    public var minCurrentAExport: Double
    /// Optional in EVerest.
    public var maxPlugTemperatureC: Double?
    /// Cable or socket.
    public var connectorType: ConnectorType

    /// Creates capabilities; the defaults are the YetiSimulator's (`evse_board_supportImpl.cpp`).
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
