import EVSEModel

/// A decoded API command: what the real API module would call on EvseManager or the energy
/// sink. The face hands it to the station, which decides what happens.
public enum EverestCommand: Hashable, Sendable {
    /// `enable_disable(connector_id, {source, state, priority})`. Also what `cmd/enable` and
    /// `cmd/disable` become (LocalAPI, priority 100).
    case enableDisable(connectorID: Int, row: EnableDisableRow)
    /// `pause_charging()`; only effective while a transaction is active.
    case pauseCharging
    /// `resume_charging()`; only effective while a transaction is active.
    case resumeCharging
    /// `stop_transaction({reason: Local})`.
    case stopCharging
    /// `stop_transaction({reason: UnlockCommand})`, then `force_unlock(connector_id)`.
    case forceUnlock(connectorID: Int)
    /// An external current limit with no expiry. The value went through `std::stof`, so it
    /// is a float value (may be NaN or ±infinity). Positive: import limit (export 0);
    /// zero, negative or NaN: import 0, export |value|.
    case setLimitAmps(Double)
    /// Like ``setLimitAmps(_:)`` but a total power in W.
    case setLimitWatts(Double)
    /// A current (float value) and a phase count of 1 or 3. Positive amps: import schedule
    /// with |amps| and the phase count; otherwise the entry goes to export and import gets 0 A.
    case setLimitAmpsPhases(amps: Double, phases: Int)
    /// `uk_random_delay` enable, disable or cancel.
    case ukRandomDelay(UKRandomDelayCommand)
    /// `set_duration_s(n)`, unvalidated (0 and negative values pass).
    case ukRandomDelaySetMaxDuration(seconds: Int)
}
