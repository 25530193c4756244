import SimCore

/// The station's state as EVerest's EvseManager sees it: external limits, the enable/disable
/// table, the UK random delay, active errors, and the session phase behind `session_info`.
public struct EverestSide: Sendable {
    /// External limit from `set_limit_amps` / `set_limit_watts` / `set_limit_amps_phases`.
    public var limitAmps: Double?
    public var limitWatts: Double?
    /// Phase count forced by `set_limit_amps_phases`.
    public var phaseLimit: Int?
    public internal(set) var randomDelay: UKRandomDelay
    /// The limit the random delay let through at its last enforcement, and its countdown.
    public internal(set) var heldLimitAmps: Double?
    public internal(set) var countdown: UKRandomDelayCountdown?
    public internal(set) var table = EnableDisableTable()
    public internal(set) var errors: ActiveErrors
    /// Enabled by the table, and not disabled at connector level: a connector-level disable stays
    /// in force across a later connector-0 enable (everest-core `Charger::enable_disable()`).
    public var enabled: Bool { table.isEnabled && table.connectorEnabled }
    public internal(set) var transaction: Transaction = .none
    public internal(set) var phase: Phase = .idle
    /// EvseManager's `session_active`: from SessionStarted to SessionFinished.
    public internal(set) var sessionActive = false
    /// EvseManager's `flag_authorized`: a token was accepted for this session.
    public internal(set) var authorized = false
    /// No token came within the connection timeout (PluginTimeout): the session waits for the
    /// unplug, and only a replug starts a new one.
    public internal(set) var authorizationTimedOut = false
    /// Reserved: ReservationStart went out and no ReservationEnd or transaction has ended it.
    public internal(set) var reserved = false
    /// The IEC state machine's `car_plugged_in`: it reports a plug-in only on a change it sees, and
    /// while the EVSE drives state F (disabled) it sees none, so an EV that stayed plugged in
    /// through a disable is not reported again (everest-core `IECStateMachine`).
    var carPluggedIn = false
    /// Why the EVSE holds charging paused (PWM off) by command.
    public internal(set) var pauseReasons: Set<EverestPauseReason> = []
    /// `everest_api/ocpp/var/connection_status`.
    public internal(set) var ocppStatus = OCPPStatus.unknown
    /// Pause reasons last reported, so a change re-emits ChargingPausedEVSE.
    var lastPauseReasons: Set<EverestPauseReason> = []
    /// Stop reason of a transaction the EVSE finished.
    var stopReason: EverestStopReason?

    init(profile: StationProfile, random: RandomStream) {
        let uk = profile.ukRandomDelay
        randomDelay = UKRandomDelay(
            configuration: .init(
                enabled: uk.enabled, maxDurationSeconds: Int(uk.maxDuration.wholeSeconds), atAnyChange: uk.atAnyChange),
            random: random.derived("uk-random-delay"))
        errors = ActiveErrors(random: random.derived("errors"))
    }

    /// The external limit converted to amps per phase, if any.
    func externalLimitAmps(nominalVoltage: Double, phases: Int) -> Double? {
        var a: Double? = limitAmps
        if let w = limitWatts {
            let fromWatts = w / (nominalVoltage * Double(max(phases, 1)))
            a = min(a ?? fromWatts, fromWatts)
        }
        return a.map { $0.isNaN ? 0 : max(0, $0) }
    }

    /// Whether a transaction is open or finished in this session.
    public enum Transaction: String, Hashable, Sendable {
        case none, active, finished
    }

    /// EvseManager's view of where the session stands.
    public enum Phase: String, Hashable, Sendable, CaseIterable {
        case idle, waitingForAuth, preparing, charging, pausedEV, pausedEVSE, stopping, finished, disabled
    }
}
