/// The command topics of the legacy API, `everest_api/<evse>/cmd/<name>` (everest-core API module, `API::init()`).
public enum EverestCommandName: String, Hashable, Sendable, CaseIterable, Codable {
    /// JSON `{connector_id, source, state, priority}`, all optional.
    case enableDisable = "enable_disable"
    /// Deprecated compatibility form of `enable_disable`.
    case enable
    /// Deprecated compatibility form of `enable_disable`.
    case disable
    /// Any payload.
    case pauseCharging = "pause_charging"
    /// Any payload.
    case resumeCharging = "resume_charging"
    /// Any payload.
    case stopCharging = "stop_charging"
    /// A connector id (default 1).
    case forceUnlock = "force_unlock"
    /// A float, amps.
    case setLimitAmps = "set_limit_amps"
    /// A float, watts.
    case setLimitWatts = "set_limit_watts"
    /// JSON `{amps, phases}`.
    case setLimitAmpsPhases = "set_limit_amps_phases"
    /// `enable`, `disable` or `cancel`.
    case ukRandomDelay = "uk_random_delay"
    /// An integer, seconds (default 600).
    case ukRandomDelaySetMaxDuration = "uk_random_delay_set_max_duration_s"
}
