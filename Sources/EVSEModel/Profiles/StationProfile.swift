import SimCore

/// Everything that distinguishes one kind of charging station from another.
///
/// Profiles are JSON files in `Profiles/stations/`; a scenario may override any field inline.
/// Every field has a default so a profile lists only what differs from a stock OpenEVSE 8.2.3
/// (US) controller.
public struct StationProfile: Hashable, Sendable {
    /// The profile's name, e.g. `openevse-8.2.3-us`.
    public var id: String = "openevse-8.2.3-us"
    /// One line for `evsesim list`.
    public var description: String = ""

    /// Firmware version `$GV` reports (`8.2.3`, `8.2.3.EU`, `9.4.0.core`).
    public var firmwareVersion: String = "8.2.3"
    /// RAPI version `$GV` reports.
    public var rapiVersion: String = "5.2.1"
    /// Which command set the controller answers: `openevse-8.2.3-us`, `openevse-8.2.3-eu` or `d9-9.4.0`.
    public var commandSet: RAPIFirmware = .openEVSE823US

    /// Hardware maximum current (A): 80 on US builds, 32 on EU builds (open_evse `open_evse.h`).
    public var hardwareMaxAmps: Int = 80
    /// Configured maximum current (A) stored in EEPROM for level 2.
    public var configuredMaxAmps: Int = 32
    /// Nominal line voltage (V) used for energy (240 US, 230 EU).
    public var nominalVoltage: Double = 240
    /// Line frequency (Hz).
    public var frequencyHz: Double = 60
    /// Phases the station can supply (1 for OpenEVSE, 3 for a Yeti-style EVSE).
    public var phases: Int = 1
    /// Supply impedance (Ω): the measured voltage drops by I·R under load.
    public var lineImpedanceOhm: Double = 0.1
    /// Relative amplitude of seeded measurement noise on voltage and current (0.002 = ±0.2 %).
    public var meterNoise: Double = 0.002
    /// How the offered current becomes a duty cycle: `openevse` (integer amps, ×133 counts) or `everest`.
    public var pwmMapping: String = "openevse"
    /// Cable ampacity from the PP resistor for socket outlets; nil for a tethered cable.
    public var cableAmps: Int? = nil

    /// Time from the relay being commanded to its contacts moving.
    public var relayCloseDelay: SimDuration = .milliseconds(100)
    public var relayOpenDelay: SimDuration = .milliseconds(20)
    /// GFI self-test run before every relay close (UL builds; open_evse `Update()`); 0 = off.
    public var gfiSelfTestDuration: SimDuration = .milliseconds(1200)
    /// Time from power-up to `$AB` (splash, POST, relay probing; open_evse `setup()`).
    public var bootDuration: SimDuration = .milliseconds(2500)

    /// Over-current check (EU 8.x and D9 builds): capacity + 5 A for 10 s.
    public var overCurrentCheck: Bool = false
    /// GFI / no-ground retry interval and count (open_evse GFI_TIMEOUT, GFI_RETRY_COUNT).
    public var faultRetryInterval: SimDuration = .minutes(5)
    public var faultRetryCount: Int = 6
    /// D9 builds boot locked until `$SB`.
    public var bootLock: Bool = false

    /// Thermal model: ambient (°C), rise at full load per amp² and time constant.
    public var ambientCelsius: Double = 25
    public var selfHeatingCelsiusPerAmpSquared: Double = 0.012
    public var thermalTimeConstant: SimDuration = .minutes(10)
    /// Over-temperature thresholds in °C (open_evse `TEMPERATURE_AMBIENT_*`).
    public var throttleCelsius: Double = 65
    public var restoreCelsius: Double = 62
    public var shutdownStageCelsius: Double = 68
    public var shutdownRestoreCelsius: Double = 65
    public var panicCelsius: Double = 71
    /// The two ambient sensors `$GP` reports, each with its own placement. The controller acts
    /// when any of them reaches a level and restores when all are back (open_evse `Update()`).
    public var temperatureSensors = TemperatureSensors()

    /// UK random delay (everest-core `energyImpl::handle_enforce_limits()`).
    public var ukRandomDelay = UKRandomDelaySettings()
    /// EVerest face settings.
    public var everest = EverestSettings()
    /// RAPI quirks that can be switched off by name (all on = the firmware's behaviour).
    public var rapiQuirks: RAPIQuirks = .firmware
    /// System API timings (firmware download and install, log upload, reset policy).
    public var system = SystemSettings()

    public init() {}

    /// Nominal voltage in millivolts, as `$GG` reports it until `$SV` changes it.
    public var nominalMillivolts: Int { Int((nominalVoltage * 1000).rounded()) }
}

/// UK Smart Charge Points Regulations random delay settings.
public struct UKRandomDelaySettings: Hashable, Sendable {
    public var enabled: Bool = false
    public var maxDuration: SimDuration = .seconds(600)
    /// true: any change of ≥ 0.1 A starts a delay; false: only to or from zero.
    public var atAnyChange: Bool = true
    public init() {}
}

/// How the station appears on the EVerest API.
public struct EverestSettings: Hashable, Sendable {
    /// The EVSE id in topics (`everest_api/<evseId>/var/...`).
    public var evseId: String = "evse_manager"
    /// `IEC62196Type2Cable` or `IEC62196Type2Socket`.
    public var connectorType: String = "IEC62196Type2Cable"
    /// Minimum current the hardware can offer (A).
    public var minCurrentAmps: Double = 6
    /// Legacy counters quirk (everest-core `SessionInfo::update_state()`): reset only at TransactionStarted.
    public var legacyCounters: Bool = true
    /// How sessions are authorized: at once (`auto`) or by a scenario's `authorize` action.
    public var authorization: EverestAuthorization = .auto
    /// How long a plugged-in EV waits for authorization before the Auth module gives up
    /// (its `connection_timeout`; EVerest's SIL configurations use 10 s).
    public var connectionTimeout: SimDuration = .seconds(10)
    public init() {}
}

/// Where the board's ambient temperature sensors sit, as offsets and time constants relative to
/// the enclosure's thermal model (ambient + self-heating).
public struct TemperatureSensors: Hashable, Sendable {
    /// The MCP9808 on the controller board, next to the relay: what `temperature`, the EVerest
    /// telemetry and `$GP` field 2 report.
    public var mcp9808 = TemperatureSensor(offsetCelsius: 0, timeConstant: nil)
    /// The DS3231 real-time clock's sensor (`$GP` field 1), on the display board away from the
    /// relay: it follows the enclosure more slowly. The default is plausible, not measured.
    public var ds3231 = TemperatureSensor(offsetCelsius: 0, timeConstant: .minutes(25))
    public init() {}
}

/// One temperature sensor: it relaxes toward the enclosure's equilibrium plus its offset with
/// its own time constant.
public struct TemperatureSensor: Hashable, Sendable {
    /// Degrees Celsius above (or, negative, below) the enclosure's equilibrium.
    public var offsetCelsius: Double
    /// The sensor's time constant; nil takes the profile's `thermalTimeConstant`.
    public var timeConstant: SimDuration?
    public init(offsetCelsius: Double, timeConstant: SimDuration?) {
        self.offsetCelsius = offsetCelsius
        self.timeConstant = timeConstant
    }
}
