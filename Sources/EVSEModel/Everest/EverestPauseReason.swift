/// Why EvseManager paused charging (`charging_paused_evse.reasons`).
public enum EverestPauseReason: String, Hashable, Sendable, CaseIterable, Codable {
    /// `pause_charging` from the API, OCPP or the user.
    case userPause = "UserPause"
    /// A fatal error is active.
    case error = "Error"
    /// The offered current is below 6 A (for example `set_limit_amps 0`).
    case noEnergy = "NoEnergy"
}
