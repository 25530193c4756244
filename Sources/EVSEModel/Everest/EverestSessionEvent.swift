/// An EvseManager `SessionEvent`, as the legacy API module receives it (everest-core
/// `types/evse_manager.yaml`, EvseManager 2026.02 and later).
///
/// Only the payload the API module (and the simulator's trace) looks at is carried. The events
/// removed by the 2026.02 restructure (`WaitingForEnergy`, `ChargingResumed`,
/// `ReplugStarted`/`ReplugFinished`) are not modelled: waiting for energy is
/// ``chargingPausedEVSE(reasons:)`` with ``EverestPauseReason/noEnergy``.
public enum EverestSessionEvent: Hashable, Sendable {
    /// The EVSE became available. `source` is the winning enable/disable row; `connectorID`
    /// is 1 after a connector-level call, else absent.
    case enabled(source: EnableDisableRow, connectorID: Int? = nil)
    /// The EVSE became unavailable (CP state F).
    case disabled(source: EnableDisableRow, connectorID: Int? = nil)
    /// A session began (usually the plug-in).
    case sessionStarted
    /// Waiting for authorization.
    case authRequired
    /// A token was accepted.
    case authorized
    /// The authorization was withdrawn (or timed out).
    case deauthorized
    /// A transaction began; `meter` is the billing meter reading at that moment.
    case transactionStarted(meter: EverestMeterSnapshot)
    /// PWM is on, waiting for the EV to request power.
    case prepareCharging
    /// Energy flows (relays closed, EV in C).
    case chargingStarted
    /// The EV paused (CP back to B).
    case chargingPausedEV
    /// The EVSE paused; re-emitted whenever the set of reasons changes.
    case chargingPausedEVSE(reasons: Set<EverestPauseReason>)
    /// Charging is being stopped (also on the way to a pause).
    case stoppingCharging
    /// The relays opened at the end of charging.
    case chargingFinished
    /// The transaction ended; `meter` is the billing meter reading at that moment.
    case transactionFinished(reason: EverestStopReason, meter: EverestMeterSnapshot)
    /// No authorization arrived in time after plug-in.
    case pluginTimeout
    /// A reservation began.
    case reservationStart
    /// A reservation ended.
    case reservationEnd
    /// The session ended (usually the unplug).
    case sessionFinished
    /// 1ph/3ph switching is in progress.
    case switchingPhases
    /// A session was resumed after a restart.
    case sessionResumed

    /// The `SessionEventEnum` string EVerest uses, e.g. `TransactionFinished`.
    public var name: String {
        switch self {
        case .enabled: "Enabled"
        case .disabled: "Disabled"
        case .sessionStarted: "SessionStarted"
        case .authRequired: "AuthRequired"
        case .authorized: "Authorized"
        case .deauthorized: "Deauthorized"
        case .transactionStarted: "TransactionStarted"
        case .prepareCharging: "PrepareCharging"
        case .chargingStarted: "ChargingStarted"
        case .chargingPausedEV: "ChargingPausedEV"
        case .chargingPausedEVSE: "ChargingPausedEVSE"
        case .stoppingCharging: "StoppingCharging"
        case .chargingFinished: "ChargingFinished"
        case .transactionFinished: "TransactionFinished"
        case .pluginTimeout: "PluginTimeout"
        case .reservationStart: "ReservationStart"
        case .reservationEnd: "ReservationEnd"
        case .sessionFinished: "SessionFinished"
        case .switchingPhases: "SwitchingPhases"
        case .sessionResumed: "SessionResumed"
        }
    }
}

extension EverestSessionEvent {
    /// Whether EvseManager raises this event through `Charger::signal_simple_event`, whose
    /// handler also republishes `selected_protocol` (everest-core `evse_managerImpl::ready()`).
    /// Session and transaction start/end, reservations and resumption have signals of their own.
    public var isSimple: Bool {
        switch self {
        case .sessionStarted, .transactionStarted, .transactionFinished, .reservationStart, .reservationEnd,
            .sessionResumed:
            false
        default:
            true
        }
    }
}

extension EverestSessionEvent: CustomStringConvertible {
    /// The event name with its payload, e.g. `TransactionFinished(Local)`.
    public var description: String {
        switch self {
        case .enabled(let source, let connector), .disabled(let source, let connector):
            "\(name)(\(source)\(connector.map { ", connector \($0)" } ?? ""))"
        case .chargingPausedEVSE(let reasons):
            "\(name)(\(reasons.map(\.rawValue).sorted().joined(separator: ",")))"
        case .transactionFinished(let reason, _):
            "\(name)(\(reason.rawValue))"
        default:
            name
        }
    }
}
