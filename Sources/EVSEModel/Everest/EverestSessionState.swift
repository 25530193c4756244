/// The legacy API's `session_info.state` (everest-core `SessionInfo::state_to_string()`).
public enum EverestSessionState: String, Hashable, Sendable, CaseIterable, Codable {
    /// Before the first session event.
    case unknown = "Unknown"
    /// Available, no session (also after `Enabled`).
    case unplugged = "Unplugged"
    /// Disabled by the enable/disable table.
    case disabled = "Disabled"
    /// A session or transaction is being set up.
    case preparing = "Preparing"
    /// Held for a reservation.
    case reserved = "Reserved"
    /// Waiting for authorization.
    case authRequired = "AuthRequired"
    /// The EV paused.
    case chargingPausedEV = "ChargingPausedEV"
    /// The EVSE paused (user pause, error or no energy).
    case chargingPausedEVSE = "ChargingPausedEVSE"
    /// Energy flows.
    case charging = "Charging"
    /// Charging or the transaction ended.
    case finished = "Finished"
    /// The EVSE ended the transaction (`stop_charging`, stop reason `Local`).
    case finishedEVSE = "FinishedEVSE"
    /// Charging is stopping — reported even when the EVSE initiated the stop or pause.
    case finishedEV = "FinishedEV"
    /// No authorization arrived in time after plug-in.
    case authTimeout = "AuthTimeout"

    /// The API module's `is_state_charging`: the states in which a powermeter message moves
    /// the legacy counters. `AuthRequired` is in, `Preparing` is not.
    public var isChargingLike: Bool {
        switch self {
        case .authRequired, .charging, .chargingPausedEV, .chargingPausedEVSE: true
        default: false
        }
    }
}
