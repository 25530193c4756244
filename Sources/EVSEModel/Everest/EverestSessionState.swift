/// The legacy API's `session_info.state` (reference/everest.md §1.3, §1.7).
public enum EverestSessionState: String, Hashable, Sendable, CaseIterable, Codable {
    /// Before the first session event.
    case unknown = "Unknown"
    case unplugged = "Unplugged"
    case disabled = "Disabled"
    case preparing = "Preparing"
    case reserved = "Reserved"
    case authRequired = "AuthRequired"
    case chargingPausedEV = "ChargingPausedEV"
    case chargingPausedEVSE = "ChargingPausedEVSE"
    case charging = "Charging"
    case finished = "Finished"
    /// The EVSE ended the transaction (`stop_charging`, stop reason `Local`).
    case finishedEVSE = "FinishedEVSE"
    /// Charging is stopping — reported even when the EVSE initiated the stop or pause.
    case finishedEV = "FinishedEV"
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
