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
    case ukRandomDelay(UKRandomDelayAction)
    /// `set_duration_s(n)`, unvalidated (0 and negative values pass).
    case ukRandomDelaySetMaxDuration(seconds: Int)
}

/// The three payloads `cmd/uk_random_delay` understands.
public enum UKRandomDelayAction: String, Hashable, Sendable, CaseIterable {
    /// Turn the feature on.
    case enable
    /// Turn the feature off.
    case disable
    /// End the running delay now.
    case cancel
}

/// The outcome of decoding one command payload.
public enum EverestCommandDecoding: Hashable, Sendable {
    /// The payload was understood.
    case command(EverestCommand)
    /// The payload did not parse but the real module executes the command anyway with its
    /// default (`force_unlock` → connector 1, `uk_random_delay_set_max_duration_s` → 600 s);
    /// `reason` is the error it logs.
    case defaulted(EverestCommand, reason: String)
    /// The real module ignores (or, where the reason says so, would crash on) this payload.
    /// The face logs and traces the reason and does nothing else.
    case rejected(reason: String)

    /// The command to execute, if any.
    public var command: EverestCommand? {
        switch self {
        case .command(let command), .defaulted(let command, _): command
        case .rejected: nil
        }
    }
}
