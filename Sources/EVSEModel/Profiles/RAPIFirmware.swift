/// The controller firmware builds the simulator can be: a station profile's `commandSet`.
///
/// open_evse VERSION and RAPIVER; README "Profiles". The name is what station profiles use; the build
/// decides which commands exist (the RAPI face's command table), the input buffer length, the number
/// parser and what `$GV` reports. The ESP32 gateway gates the D9 commands on the protocol
/// version it reads from `$GV`, so that string matters.
public enum RAPIFirmware: String, Hashable, Sendable, CaseIterable {
    /// Official OpenEVSE 8.2.3 PlatformIO build for North America (RAPI 5.2.1): the default.
    case openEVSE823US = "openevse-8.2.3-us"
    /// Official OpenEVSE 8.2.3 EU build (`8.2.3.EU`): no L1/L2 auto-detection, 32 A maximum.
    case openEVSE823EU = "openevse-8.2.3-eu"
    /// Official D9 9.4.0 `core` build for the ATmega328P (RAPI 6.0.0).
    case d9940 = "d9-9.4.0"

    /// The first `$GV` field.
    public var firmwareVersion: String {
        switch self {
        case .openEVSE823US: "8.2.3"
        case .openEVSE823EU: "8.2.3.EU"
        case .d9940: "9.4.0.core"
        }
    }

    /// The second `$GV` field, the RAPI protocol version.
    public var protocolVersion: String {
        switch self {
        case .openEVSE823US, .openEVSE823EU: "5.2.1"
        case .d9940: "6.0.0"
        }
    }

    /// The `$GV` reply parameters, e.g. `8.2.3 5.2.1`.
    public var versionReply: String { firmwareVersion + " " + protocolVersion }

    /// ESRAPI_BUFLEN (open_evse `rapi_proc.h`): 32 on 8.2.3, 40 on D9 builds with cable
    /// temperature monitoring (the official 9.4.0 ones).
    public var receiveBufferLength: Int {
        switch self {
        case .openEVSE823US, .openEVSE823EU: 32
        case .d9940: 40
        }
    }

    /// Short label for tables: `US`, `EU`, `D9`.
    public var shortName: String {
        switch self {
        case .openEVSE823US: "US"
        case .openEVSE823EU: "EU"
        case .d9940: "D9"
        }
    }
}
