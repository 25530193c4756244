/// An EVerest error type string such as `evse_board_support/MREC2GroundFailure`
/// (everest-core `errors/*.yaml`), with its description from that file.
public struct EverestErrorType: Hashable, Sendable, Codable, RawRepresentable {
    /// `<interface>/<name>`.
    public var rawValue: String

    /// Wraps any type string (unknown ones are allowed: they get a generic description).
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The interface part, e.g. `evse_board_support`.
    public var interface: Substring { rawValue.prefix { $0 != "/" } }

    /// The name after the first slash, e.g. `MREC2GroundFailure`.
    public var name: Substring {
        guard let slash = rawValue.firstIndex(of: "/") else { return Substring(rawValue) }
        return rawValue[rawValue.index(after: slash)...]
    }

    /// Whether EvseManager treats an active error of this type as preventing charging (and so
    /// raises `evse_manager/Inoperative`). Every error is fatal except high-temperature and
    /// cable over-temperature *derating* and vendor warnings (EvseManager `ErrorHandling.cpp`).
    /// Inoperative itself is the result of the check, not an input to it.
    public var isFatal: Bool {
        self != .inoperative && self != .highTemperature && self != .cableOverTempDerate && name != "VendorWarning"
    }

    /// The `description` EVerest's error-type YAML gives this type.
    public var defaultDescription: String {
        Self.descriptions[rawValue] ?? "Error of type \(rawValue)"
    }
}

extension EverestErrorType {
    /// Ground fault circuit interrupter activated (ChargeX CX002).
    public static let groundFailure = EverestErrorType(rawValue: "evse_board_support/MREC2GroundFailure")
    /// The CP diode in the EV is shorted.
    public static let diodeFault = EverestErrorType(rawValue: "evse_board_support/DiodeFault")
    /// High temperature inside the EVSE is derating power (not fatal in EvseManager).
    public static let highTemperature = EverestErrorType(rawValue: "evse_board_support/MREC3HighTemperature")
    /// The over-current protection device tripped.
    public static let overCurrent = EverestErrorType(rawValue: "evse_board_support/MREC4OverCurrentFailure")
    /// Control-pilot voltage out of range.
    public static let pilotFault = EverestErrorType(rawValue: "evse_board_support/MREC14PilotFault")
    /// Mains failure.
    public static let powerLoss = EverestErrorType(rawValue: "evse_board_support/MREC15PowerLoss")
    /// Contactor failed to open or close (welding included).
    public static let contactorFault = EverestErrorType(rawValue: "evse_board_support/MREC17EVSEContactorFault")
    /// Cable over-temperature, derating (not fatal in EvseManager).
    public static let cableOverTempDerate = EverestErrorType(
        rawValue: "evse_board_support/MREC18CableOverTempDerate")
    /// Vendor specific, stops charging.
    public static let bspVendorError = EverestErrorType(rawValue: "evse_board_support/VendorError")
    /// RCD tripped by a DC fault (what the SIL's YetiSimulator raises for RCD current > 5 mA).
    public static let rcdDC = EverestErrorType(rawValue: "ac_rcd/DC")
    /// RCD tripped by an AC fault.
    public static let rcdAC = EverestErrorType(rawValue: "ac_rcd/AC")
    /// RCD self-test failed.
    public static let rcdSelftest = EverestErrorType(rawValue: "ac_rcd/Selftest")
    /// EvseManager's soft over-current (limit · 1.1 + 0.5 A for 7 s).
    public static let softOverCurrent = EverestErrorType(rawValue: "evse_manager/MREC4OverCurrentFailure")
    /// Derived by EvseManager while any fatal error is active.
    public static let inoperative = EverestErrorType(rawValue: "evse_manager/Inoperative")

    /// Descriptions from everest-core `errors/*.yaml`.
    static let descriptions: [String: String] = [
        "evse_board_support/DiodeFault": "The CP diode in the EV is shorted.",
        "evse_board_support/BrownOut": "The hardware/MCU detected a brown out.",
        "evse_board_support/PermanentFault": "The EVSE is permanently broken and requires repair.",
        "evse_board_support/MREC2GroundFailure": "Ground fault circuit interrupter has been activated.",
        "evse_board_support/MREC3HighTemperature": "High temperature inside the EVSE is derating power delivery.",
        "evse_board_support/MREC4OverCurrentFailure": "Over current protection device has tripped.",
        "evse_board_support/MREC5OverVoltage": "Input voltage to the vehicle has risen above an acceptable level.",
        "evse_board_support/MREC6UnderVoltage": "Input voltage to the vehicle has dropped below an acceptable level.",
        "evse_board_support/MREC8EmergencyStop": "Emergency stop is pressed by the user (required if equipped).",
        "evse_board_support/MREC14PilotFault": "The control pilot voltage is out of range.",
        "evse_board_support/MREC15PowerLoss": "The EVSE is unable to supply any power due to mains failure",
        "evse_board_support/MREC17EVSEContactorFault":
            "Contactors fail to open or close on EVSE's side. May also include welding related errors.",
        "evse_board_support/MREC18CableOverTempDerate":
            "Temperature of charging cable or connector assembly is too high, resulting in reduced power operation.",
        "evse_board_support/MREC19CableOverTempStop":
            "Temperature of charging cable or connector assembly is too high, resulting in a stopped charging session.",
        "evse_board_support/VendorError": "Vendor specific error code. Will stop charging session.",
        "evse_board_support/VendorWarning": "Vendor specific error code. Charging may continue.",
        "ac_rcd/Selftest": "The Selftest failed, device permanently broken",
        "ac_rcd/DC": "RCD was triggered by a DC fault",
        "ac_rcd/AC": "RCD was triggered by an AC fault",
        "ac_rcd/MREC2GroundFailure": "MREC compliant fault code",
        "evse_manager/Internal": "Internal error of the state machine",
        "evse_manager/MREC4OverCurrentFailure": "Over current event",
        "evse_manager/Inoperative":
            "Charging is not possible. Usually caused by another error from one of the requirements.",
    ]
}

extension EverestErrorType: CustomStringConvertible {
    /// The type string.
    public var description: String { rawValue }
}
