import SimCore

/// The station's state as EVerest's EvseManager sees it: external limits, the enable/disable
/// table, the UK random delay, and the session phase behind `session_info`.
public struct EverestSide: Hashable, Sendable {
    /// External limit from `set_limit_amps` / `set_limit_watts` / `set_limit_amps_phases`.
    public var limitAmps: Double?
    public var limitWatts: Double?
    /// Phase count forced by `set_limit_amps_phases`.
    public var phaseLimit: Int?
    public var randomDelay: RandomDelayAdapter
    /// Effective state of the enable/disable table.
    public var enabled = true
    public var transaction: Transaction = .none
    public var phase: Phase = .idle
    /// Why the EVSE holds charging paused (PWM off).
    public var pauseReasons: Set<PauseReason> = []
    /// `everest_api/ocpp/var/connection_status`.
    public var ocppStatus = "unknown"
    /// Session events not yet handed to the EVerest face.
    public var sessionEvents: [SessionEventRecord] = []
    /// Pause reasons last reported, so a change re-emits ChargingPausedEVSE.
    var lastPauseDetail: String?
    /// Stop reason of a transaction the EVSE finished.
    var stopReason: String?

    init(profile: StationProfile) {
        randomDelay = RandomDelayAdapter(settings: profile.ukRandomDelay)
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

    mutating func bootCompleted(at t: SimInstant) {}

    /// Whether a transaction is open or finished in this session.
    public enum Transaction: String, Hashable, Sendable {
        case none, active, finished
    }

    /// EvseManager's view of where the session stands.
    public enum Phase: String, Hashable, Sendable {
        case idle, preparing, charging, pausedEV, pausedEVSE, finished
    }

    /// Reasons for an EVSE-side pause (reference/everest.md §1.8).
    public enum PauseReason: String, Hashable, Sendable, Comparable {
        case userPause = "UserPause"
        case error = "Error"
        case noEnergy = "NoEnergy"
        public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    }
}

/// One EvseManager session event with its instant.
public struct SessionEventRecord: Hashable, Sendable {
    public var time: SimInstant
    /// The SessionEventEnum name (`SessionStarted`, `TransactionFinished`, …).
    public var event: String
    /// Stop reason for TransactionFinished; pause reasons for ChargingPausedEVSE.
    public var detail: String?
}

/// Temporary stand-in for the UK random delay until the EVerest model lands.
public struct RandomDelayAdapter: Hashable, Sendable {
    public var settings: UKRandomDelaySettings
    public var endsAt: SimInstant? { nil }
    init(settings: UKRandomDelaySettings) { self.settings = settings }
    mutating func observe(
        requested: Double, at t: SimInstant, chargerActive: Bool, since ready: SimInstant?, stream: inout RandomStream
    ) {}
    func appliedLimit(requested: Double) -> Double { requested }
    func remainingSeconds(at t: SimInstant) -> Int { 0 }
}
