import SimCore

/// What the OpenEVSE controller keeps in EEPROM: it survives `$FR` and power cuts
/// (open_evse `open_evse.h`, the `EOFS_*` EEPROM offsets).
public struct ControllerSettings: Hashable, Sendable {
    /// Configured maximum current for the active service level (A): `$GC` cmax.
    public var configuredMaxAmps: Int
    /// Hardware maximum (A); lowered once by `$SC n M`.
    public var hardwareMaxAmps: Int
    /// Whether `$SC n M` has been used (it is write-once).
    public var hardwareMaxWritten = false
    /// Feature flags (`$GE`, `$FF`).
    public var flags: ECFlags
    /// Lifetime imported energy (Wh), updated when a session ends.
    public var lifetimeWh: Double = 0
    /// Trip counters, saturating just below 0xFF.
    public var gfiTrips = 0
    public var noGroundTrips = 0
    public var stuckRelayTrips = 0
    /// Heartbeat supervision interval (s, 0 = off) and fallback current (A).
    public var heartbeatInterval = 0
    public var heartbeatCurrent = 0
    /// Ammeter scale and offset (`$SA`).
    public var ammeterScale = 220
    public var ammeterOffset = 0

    init(profile: StationProfile) {
        configuredMaxAmps = min(max(profile.configuredMaxAmps, 6), profile.hardwareMaxAmps)
        hardwareMaxAmps = profile.hardwareMaxAmps
        // `ECF_*` in open_evse `J1772EvseController.h`: stock values are 0001 (US, L2) and 0021 (EU); the
        // boards these builds ship with have an RGB LCD, so MONO_LCD is clear.
        var f: ECFlags = [.level2]
        if profile.commandSet != .openEVSE823US { f.insert(.autoServiceLevelDisabled) }
        if !profile.overCurrentCheck, profile.commandSet == .d9940 { f.insert(.overCurrentDisabled) }
        if profile.gfiSelfTestDuration == .zero { f.insert(.gfiTestDisabled) }
        flags = f
    }

    /// Counters saturate just below 0xFF (open_evse `processCmd()`, case `GF`).
    static func bump(_ n: inout Int) { n = min(n + 1, 0xFE) }
}

/// The controller's volatile state: lost at every reboot.
public struct ControllerState: Hashable, Sendable {
    /// The EVSE state byte.
    public var state: EvseState = .unknown
    /// The debounced pilot state the controller read (frozen while sleeping or disabled).
    public var pilot: PilotState? = nil
    /// Volatile flags.
    public var vflags: VFlags = [.sessionEnded]
    /// The current capacity offered (A): `$GE` amps, `$GC` pilot; heartbeat fallback and thermal
    /// throttling write here as the firmware does.
    public var capacityAmps: Int
    /// Millivolts used for energy (`$SV`).
    public var millivolts: Int
    /// Disabled by `$FD`; sleeping by `$FS`.
    public var rapiDisabled = false
    public var sleeping = false
    /// Booting (between power-up and `$AB`); boot-locked until `$SB` on D9.
    public var booting = false
    public var bootLocked = false
    /// Heartbeat trigger: 0 never missed, 2 missed and not acknowledged, 1 acknowledged.
    public var heartbeatTrigger = 0
    /// Over-temperature throttle stage: 0 none, 1 half current, 2 quarter current.
    public var throttleStage = 0
    /// Retries used for the present GFI / no-ground fault episode.
    public var faultRetries = 0
    /// Charge time of the present session accumulated in earlier C periods, and the start of
    /// the present one (open_evse `J1772EVSEController::chargingOn()`).
    public var elapsedAccumulated: SimDuration = .zero
    public var chargeStartedAt: SimInstant? = nil
    /// When the last heartbeat pulse arrived.
    public var lastPulse: SimInstant = .zero
    /// Energy of the present session (J) as the controller counts it: its voltage setting times
    /// the current (`$GU`). Reset on plug-in.
    public var sessionJoules: Double = 0
    /// Energy of the present session (J) as the meter measures it (true voltage).
    public var sessionMeterJoules: Double = 0

    init(settings: ControllerSettings, profile: StationProfile) {
        capacityAmps = settings.configuredMaxAmps
        millivolts = profile.nominalMillivolts
    }
}
