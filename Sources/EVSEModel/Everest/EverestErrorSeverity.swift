/// EVerest error severity (`High` leads to an emergency shutdown, `Medium`/`Low` to an error
/// shutdown that keeps the PWM on).
public enum EverestErrorSeverity: String, Hashable, Sendable, CaseIterable, Codable {
    /// Emergency shutdown.
    case high = "High"
    /// Error shutdown.
    case medium = "Medium"
    /// Error shutdown.
    case low = "Low"
}
