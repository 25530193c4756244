import EVSEModel

/// What `session_info` shows, as the session tracker computed it.
public struct SessionInfoReading: Hashable, Sendable {
    /// `state`.
    public var state: EverestSessionState
    /// `charged_energy_wh`.
    public var chargedEnergyWh: Int
    /// `charging_duration_s`.
    public var chargingDurationSeconds: Int64
    /// `discharged_energy_wh`.
    public var dischargedEnergyWh: Int
    /// `latest_total_w`.
    public var latestTotalW: Double
    /// `permanent_fault`.
    public var permanentFault: Bool
    /// The source of the last Enabled/Disabled event; nil before the first one.
    public var activeEnableDisableSource: EnableDisableRow?
    /// The random-delay countdown to show; nil (no `uk_random_delay` key) unless a delay runs.
    public var ukRandomDelay: UKRandomDelayCountdown?

    /// Creates a reading.
    public init(
        state: EverestSessionState, chargedEnergyWh: Int = 0, chargingDurationSeconds: Int64 = 0,
        dischargedEnergyWh: Int = 0, latestTotalW: Double = 0, permanentFault: Bool = false,
        activeEnableDisableSource: EnableDisableRow? = nil, ukRandomDelay: UKRandomDelayCountdown? = nil
    ) {
        self.state = state
        self.chargedEnergyWh = chargedEnergyWh
        self.chargingDurationSeconds = chargingDurationSeconds
        self.dischargedEnergyWh = dischargedEnergyWh
        self.latestTotalW = latestTotalW
        self.permanentFault = permanentFault
        self.activeEnableDisableSource = activeEnableDisableSource
        self.ukRandomDelay = ukRandomDelay
    }

    /// The reading a tracker gives now.
    public init(_ tracker: EverestSessionTracker) {
        self.init(
            state: tracker.state, chargedEnergyWh: tracker.chargedEnergyWh,
            chargingDurationSeconds: tracker.chargingDurationSeconds, dischargedEnergyWh: tracker.dischargedEnergyWh,
            latestTotalW: tracker.latestTotalW, permanentFault: tracker.permanentFault,
            activeEnableDisableSource: tracker.activeEnableDisableSource, ukRandomDelay: tracker.visibleUKRandomDelay)
    }
}
