import JSON

/// The API module's `<group>_<field>_decimal_places` and `_round_to` settings for the
/// rapidyaml payloads of the ``EverestAPIFlavor/everest`` flavour (`limit_decimal_places.cpp`).
public struct EverestDecimalPlaces: Hashable, Sendable {
    /// How one field is printed.
    public struct Field: Hashable, Sendable {
        /// Digits after the decimal point (default 2).
        public var decimalPlaces: Int
        /// Round to the nearest multiple of this step before printing; 0 (default) is off.
        public var roundTo: Double

        /// Creates a setting.
        public init(decimalPlaces: Int = 2, roundTo: Double = 0) {
            self.decimalPlaces = decimalPlaces
            self.roundTo = roundTo
        }
    }

    /// `powermeter_energy_import_*`.
    public var powermeterEnergyImport = Field()
    /// `powermeter_energy_export_*`.
    public var powermeterEnergyExport = Field()
    /// `powermeter_power_*`.
    public var powermeterPower = Field()
    /// `powermeter_voltage_*`.
    public var powermeterVoltage = Field()
    /// `powermeter_VAR_*`.
    public var powermeterVAR = Field()
    /// `powermeter_current_*`.
    public var powermeterCurrent = Field()
    /// `powermeter_frequency_*`.
    public var powermeterFrequency = Field()
    /// `hw_caps_max_current_import_*`; its decimal places also apply to `min_current_A_import`
    /// and `max_current_A_export` (a bug in the module, reproduced).
    public var hwCapsMaxCurrentImport = Field()
    /// `hw_caps_min_current_import_*` (only `round_to` is used, see above).
    public var hwCapsMinCurrentImport = Field()
    /// `hw_caps_max_current_export_*` (only `round_to` is used, see above).
    public var hwCapsMaxCurrentExport = Field()
    /// `hw_caps_min_current_export_*`.
    public var hwCapsMinCurrentExport = Field()
    /// `hw_caps_max_plug_temperature_C_*`.
    public var hwCapsMaxPlugTemperatureC = Field()
    /// `limits_max_current_*`.
    public var limitsMaxCurrent = Field()
    /// `telemetry_evse_temperature_C_*`.
    public var telemetryEVSETemperatureC = Field()
    /// `telemetry_fan_rpm_*`.
    public var telemetryFanRPM = Field()
    /// `telemetry_supply_voltage_12V_*`.
    public var telemetrySupplyVoltage12V = Field()
    /// `telemetry_supply_voltage_minus_12V_*`.
    public var telemetrySupplyVoltageMinus12V = Field()
    /// `telemetry_plug_temperature_C_*`.
    public var telemetryPlugTemperatureC = Field()

    /// All fields at 2 decimals, no rounding (the module's defaults).
    public init() {}

    /// A C++ `float` printed by the module: widened to double, optionally rounded to the
    /// step (`std::round(v / step) * step`), then printed fixed-point.
    static func value(_ value: Double, _ field: Field, decimalPlaces: Int? = nil) -> JSONValue {
        .fixed(rounded(value, field), decimals: decimalPlaces ?? field.decimalPlaces)
    }

    /// ``value(_:_:decimalPlaces:)`` written to a stream.
    static func write(_ value: Double, _ field: Field, decimalPlaces: Int? = nil, to out: inout JSONStream) {
        out.fixed(rounded(value, field), decimals: decimalPlaces ?? field.decimalPlaces)
    }

    private static func rounded(_ value: Double, _ field: Field) -> Double {
        var v = Double(Float(value))
        if field.roundTo > 0 { v = (v / field.roundTo).rounded(.toNearestOrAwayFromZero) * field.roundTo }
        return v
    }
}
