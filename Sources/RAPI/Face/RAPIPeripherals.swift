/// What the RAPI face keeps for hardware and settings the station model does not have: clock,
/// LCD, cable lock, delay timer and the D9 relay and cable-temperature settings.
///
/// Each value is stored so that the matching get command returns what the set command wrote
/// (open_evse `processCmd()`); none of them changes how the station behaves. Most live in the
/// controller's EEPROM or a battery-backed chip and survive ``rebooted()``; the LCD and the
/// cable-lock mode do not.
public struct RAPIPeripherals: Hashable, Sendable {
    /// The real-time clock (`$S1`, `$GT`).
    public var clock: RAPIRealTimeClock
    /// The delay timer (`$ST`, `$GD`).
    public var delayTimer = RAPIDelayTimer()
    /// The LCD (`$FP`, `$FB`, `$F0`).
    public var display = RAPIDisplay()
    /// The Mennekes cable lock (`$S5`, `$G5`).
    public var mennekesLock = RAPIMennekesLock()
    /// V6 relay close pulse (ms) and hold PWM (0–255) of `$Z0`.
    public var relayClosePulseMilliseconds: UInt32 = 100
    /// Hold PWM of `$Z0`.
    public var relayHoldPWM: UInt32 = 255
    /// D9 relay outputs DC1, DC2 and AC enabled (`$SR`, `$GR`).
    public var relayOutputsEnabled: [Bool] = RAPIPeripherals.factoryRelayOutputs
    /// D9 relay-open current-zero threshold in mA, 0–5000 (`$SZ`, `$GZ`).
    public var zeroCurrentThresholdMilliamps: Int32 = 200
    /// D9 over-temperature panic threshold in 0.1 °C (`$FO`, `$GO`).
    public var panicTenthsCelsius: Int32
    /// D9 cable temperature monitoring switched on (`$FF C`).
    public var cableTemperatureMonitoring = true
    /// D9 cable sensors EV1, EV2, IN1, IN2 (`$SN`, `$GN`).
    public var cableSensors: [RAPICableSensor] = RAPIPeripherals.factoryCableSensors
    /// D9 stuck-relay recoveries run since the relay-health reset (`$FK`, `$FH`, `$GL`).
    public var relayRecoveries = 0
    /// The last non-zero current (mA) measured through the relay when the face was polled (`$GW`).
    public var lastRelayMilliamps = 0

    // The factory arrays are shared by every station until one changes its own: built per
    // station, they were allocations of their own in every station of a fleet.
    static let factoryRelayOutputs = [true, true, true]
    static let factoryCableSensors = Array(repeating: RAPICableSensor(), count: 4)

    /// Factory settings; `panicTenthsCelsius` comes from the station profile.
    public init(clockPresent: Bool = true, panicTenthsCelsius: Int32 = 710) {
        self.clock = RAPIRealTimeClock(isPresent: clockPresent)
        self.panicTenthsCelsius = panicTenthsCelsius
    }

    /// The peripherals after a controller reset: volatile parts back to their defaults.
    public func rebooted() -> RAPIPeripherals {
        var next = self
        next.display = RAPIDisplay()
        next.mennekesLock = RAPIMennekesLock()
        return next
    }
}
