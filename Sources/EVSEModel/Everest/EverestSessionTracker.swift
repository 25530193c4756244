import SimCore

/// The legacy API module's view of one EVSE: its small state machine fed by session events,
/// and the counters fed by powermeter messages (everest-core `API.cpp`, `SessionInfo`).
///
/// With ``legacyCounters`` (the default) the counters behave exactly like the real module:
/// they reset only at `TransactionStarted`, move only on powermeter messages received in a
/// "charging-like" state (``EverestSessionState/isChargingLike``), stay frozen in Preparing,
/// FinishedEV, Finished and Unplugged, and survive the unplug — so in the next session, while
/// AuthRequired, they are recomputed against the *previous* transaction's start.
///
/// With `legacyCounters == false` they follow what the documented API implies: reset at
/// `SessionStarted` (so a new session starts at zero), re-anchored at `TransactionStarted`,
/// advanced by every powermeter message while the session runs, and frozen from
/// `TransactionFinished` until the next session.
public struct EverestSessionTracker: Hashable, Sendable {
    /// Whether the counters reproduce the real module's quirks (see the type's description).
    public var legacyCounters: Bool
    /// `session_info.state`.
    public private(set) var state: EverestSessionState = .unknown
    /// The `source` of the last `Enabled`/`Disabled` event; nil before the first one (the
    /// real module then prints `{"priority":0,"source":"Unspecified","state":"Enabled"}`).
    public private(set) var activeEnableDisableSource: EnableDisableRow?
    /// `session_info.permanent_fault`: whether `evse_manager/Inoperative` is raised.
    public var permanentFault = false
    /// The last countdown published by the random delay (shown while its `countdown_s > 0`).
    public private(set) var ukRandomDelay: UKRandomDelayCountdown?
    /// `power_W.total` of the latest powermeter message, in any state (0 before the first).
    public private(set) var latestTotalW: Double = 0
    /// `var/selected_protocol` as the module caches it: empty until EvseManager first publishes
    /// it, then EvseManager's value as of its last simple event (``EverestSessionEvent/isSimple``).
    public private(set) var selectedProtocol = ""
    /// EvseManager's own `selected_protocol`: `IEC61851-1` from SessionStarted, `Unknown` again
    /// at TransactionFinished and SessionFinished (`evse_managerImpl::ready()`; high-level
    /// communication, which would set `ISO15118-2` and the like, is not modelled).
    public private(set) var managerProtocol = Self.unknownProtocol

    /// EvseManager's start-up and idle `selected_protocol`.
    public static let unknownProtocol = "Unknown"
    /// `selected_protocol` of a basic-charging (PWM only) session.
    public static let basicChargingProtocol = "IEC61851-1"

    // The module stores energies as int32 Wh (fractions truncated when the float arrives).
    private var startImportWh: Int32 = 0
    private var endImportWh: Int32 = 0
    private var startExportWh: Int32 = 0
    private var endExportWh: Int32 = 0
    private var startExportSeen = false
    private var endExportSeen = false
    private var startTime: SimInstant
    private var endTime: SimInstant
    // Non-legacy bookkeeping.
    private var latestImportWh: Int32 = 0
    private var latestExportWh: Int32?
    private var sessionCounting = false

    /// A tracker created when the API module starts: counters zero, both time points at
    /// `now` (so before any transaction, `charging_duration_s` counts from module start).
    public init(startedAt now: SimInstant, legacyCounters: Bool = true) {
        self.legacyCounters = legacyCounters
        startTime = now
        endTime = now
    }

    /// `session_info.charged_energy_wh`: end − start import (int32 arithmetic).
    public var chargedEnergyWh: Int { Int(endImportWh &- startImportWh) }

    /// `session_info.discharged_energy_wh`: end − start export, 0 unless both were seen.
    public var dischargedEnergyWh: Int {
        startExportSeen && endExportSeen ? Int(endExportWh &- startExportWh) : 0
    }

    /// `session_info.charging_duration_s`: end − start time in whole seconds, truncated.
    public var chargingDurationSeconds: Int64 { (endTime - startTime).wholeSeconds }

    /// Feeds one session event.
    ///
    /// - Returns: true when the module publishes `session_info` immediately (after
    ///   `TransactionFinished`), in addition to the 1 Hz publication.
    @discardableResult
    public mutating func handle(_ event: EverestSessionEvent, at now: SimInstant) -> Bool {
        if let next = Self.nextState(after: event, from: state) { state = next }
        switch event {
        case .sessionStarted: managerProtocol = Self.basicChargingProtocol
        case .transactionFinished, .sessionFinished: managerProtocol = Self.unknownProtocol
        default: break
        }
        if event.isSimple { selectedProtocol = managerProtocol }
        switch event {
        case .enabled(let source, _), .disabled(let source, _):
            activeEnableDisableSource = source
        case .sessionStarted where !legacyCounters:
            startImportWh = latestImportWh
            endImportWh = latestImportWh
            startExportWh = latestExportWh ?? 0
            endExportWh = startExportWh
            startExportSeen = latestExportWh != nil
            endExportSeen = startExportSeen
            startTime = now
            endTime = now
            sessionCounting = true
        case .transactionStarted(let meter):
            startImportWh = Self.int32Wh(meter.importWh)
            endImportWh = startImportWh
            startTime = now
            endTime = now
            if let export = meter.exportWh {
                startExportWh = Self.int32Wh(export)
                endExportWh = startExportWh
                startExportSeen = true
            } else {
                startExportSeen = false
            }
            sessionCounting = true
        case .transactionFinished(_, let meter):
            endImportWh = Self.int32Wh(meter.importWh)
            endTime = now
            if let export = meter.exportWh {
                endExportWh = Self.int32Wh(export)
                endExportSeen = true
            } else {
                endExportSeen = false
            }
            sessionCounting = false
            return true
        default:
            break
        }
        return false
    }

    /// Feeds one powermeter message of the EVSE's billing meter.
    public mutating func handlePowermeter(
        importWh: Double, exportWh: Double? = nil, totalW: Double? = nil, at now: SimInstant
    ) {
        latestImportWh = Self.int32Wh(importWh)
        latestExportWh = exportWh.map(Self.int32Wh)
        if let totalW { latestTotalW = totalW }
        let moves = legacyCounters ? state.isChargingLike : sessionCounting
        guard moves else { return }
        endImportWh = latestImportWh
        endTime = now
        if let export = latestExportWh {
            endExportWh = export
            endExportSeen = true
        }
    }

    /// Records the random delay's latest countdown.
    public mutating func handleCountdown(_ countdown: UKRandomDelayCountdown) { ukRandomDelay = countdown }

    /// The `uk_random_delay` object to publish: the last countdown while it is positive.
    public var visibleUKRandomDelay: UKRandomDelayCountdown? {
        guard let ukRandomDelay, ukRandomDelay.countdownSeconds > 0 else { return nil }
        return ukRandomDelay
    }

    /// The API module's `update_state` mapping (2026.02+); nil leaves the state unchanged.
    public static func nextState(after event: EverestSessionEvent, from state: EverestSessionState)
        -> EverestSessionState?
    {
        switch event {
        case .enabled, .reservationEnd, .sessionFinished: .unplugged
        case .disabled: .disabled
        case .authRequired: .authRequired
        case .sessionStarted, .transactionStarted, .prepareCharging: .preparing
        case .chargingStarted: .charging
        case .chargingPausedEV: .chargingPausedEV
        case .chargingPausedEVSE: .chargingPausedEVSE
        case .chargingFinished: .finished
        // Even when the EVSE initiated the stop or the pause (`SessionInfo::update_state()`).
        case .stoppingCharging: .finishedEV
        case .transactionFinished(let reason, _): reason == .local ? .finishedEVSE : .finished
        case .pluginTimeout: .authTimeout
        case .reservationStart: .reserved
        case .authorized, .deauthorized, .switchingPhases, .sessionResumed: nil
        }
    }

    /// C++ float → int32_t conversion: truncation toward zero; out-of-range and NaN give
    /// INT32_MIN, as x86 `cvttss2si` does for this undefined conversion.
    static func int32Wh(_ value: Double) -> Int32 {
        let truncated = value.rounded(.towardZero)
        guard truncated >= -2_147_483_648, truncated <= 2_147_483_647 else { return .min }
        return Int32(truncated)
    }
}
