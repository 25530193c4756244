/// The command topics of the legacy API, `everest_api/<evse>/cmd/<name>` (reference/everest.md §1.6).
public enum EverestCommandName: String, Hashable, Sendable, CaseIterable, Codable {
    case enableDisable = "enable_disable"
    /// Deprecated compatibility form of `enable_disable`.
    case enable
    /// Deprecated compatibility form of `enable_disable`.
    case disable
    case pauseCharging = "pause_charging"
    case resumeCharging = "resume_charging"
    case stopCharging = "stop_charging"
    case forceUnlock = "force_unlock"
    case setLimitAmps = "set_limit_amps"
    case setLimitWatts = "set_limit_watts"
    case setLimitAmpsPhases = "set_limit_amps_phases"
    case ukRandomDelay = "uk_random_delay"
    case ukRandomDelaySetMaxDuration = "uk_random_delay_set_max_duration_s"
}
