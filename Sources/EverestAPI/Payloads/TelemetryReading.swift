/// The board's `telemetry` var.
public struct TelemetryReading: Hashable, Sendable {
    /// EVSE temperature, °C.
    public var evseTemperatureC: Double
    /// Fan speed, rpm.
    public var fanRPM: Double
    /// The +12 V supply, V.
    public var supplyVoltage12V: Double
    /// The −12 V supply, V.
    public var supplyVoltageMinus12V: Double
    /// Whether the relays are closed.
    public var relaisOn: Bool
    /// Residual current, mA (only the documented shape shows it).
    public var rcdCurrentMA: Double
    /// Optional in EVerest.
    public var plugTemperatureC: Double?

    /// Creates a reading; the defaults are the YetiSimulator's constants.
    public init(
        evseTemperatureC: Double, fanRPM: Double = 1500, supplyVoltage12V: Double = 12.01,
        supplyVoltageMinus12V: Double = -11.8, relaisOn: Bool, rcdCurrentMA: Double = 0,
        plugTemperatureC: Double? = nil
    ) {
        self.evseTemperatureC = evseTemperatureC
        self.fanRPM = fanRPM
        self.supplyVoltage12V = supplyVoltage12V
        self.supplyVoltageMinus12V = supplyVoltageMinus12V
        self.relaisOn = relaisOn
        self.rcdCurrentMA = rcdCurrentMA
        self.plugTemperatureC = plugTemperatureC
    }
}
