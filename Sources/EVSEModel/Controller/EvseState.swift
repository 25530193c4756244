/// The OpenEVSE controller's EVSE state byte, as `$GS` and `$AT` report it (open_evse `EVSE_STATE_*`).
public enum EvseState: UInt8, Hashable, Sendable, CaseIterable, Codable {
    case unknown = 0x00
    case a = 0x01
    case b = 0x02
    case c = 0x03
    case ventRequired = 0x04
    case diodeCheckFailed = 0x05
    case gfciFault = 0x06
    case noGround = 0x07
    case stuckRelay = 0x08
    case gfiTestFailed = 0x09
    case overTemperature = 0x0a
    case overCurrent = 0x0b
    case relayClosureFault = 0x0e
    case ppShorted = 0x0f
    case ppMissing = 0x10
    case eepromFailure = 0x11
    case sleeping = 0xfe
    case disabled = 0xff

    /// Whether this is a fault state (0x04…0x11).
    public var isFault: Bool { (0x04...0x11).contains(rawValue) }

    /// The two lower-case hex digits the firmware prints.
    public var hex: String {
        let s = String(rawValue, radix: 16)
        return s.count == 1 ? "0" + s : s
    }

    /// A stable name for traces and scenario conditions (`C`, `sleeping`, `gfciFault`, …).
    public var name: String {
        switch self {
        case .unknown: "unknown"
        case .a: "A"
        case .b: "B"
        case .c: "C"
        case .ventRequired: "ventRequired"
        case .diodeCheckFailed: "diodeCheckFailed"
        case .gfciFault: "gfciFault"
        case .noGround: "noGround"
        case .stuckRelay: "stuckRelay"
        case .gfiTestFailed: "gfiTestFailed"
        case .overTemperature: "overTemperature"
        case .overCurrent: "overCurrent"
        case .relayClosureFault: "relayClosureFault"
        case .ppShorted: "ppShorted"
        case .ppMissing: "ppMissing"
        case .eepromFailure: "eepromFailure"
        case .sleeping: "sleeping"
        case .disabled: "disabled"
        }
    }

    /// Looks a state up by ``name``, by `D` for vent required, or by its hex code (`03`, `0x03`, `fe`).
    public init?(name: String) {
        if let s = EvseState.allCases.first(where: { $0.name == name }) {
            self = s
            return
        }
        if name == "D" {
            self = .ventRequired
            return
        }
        var hex = Substring(name.lowercased())
        if hex.hasPrefix("0x") { hex = hex.dropFirst(2) }
        guard hex.count == 2, let v = UInt8(hex, radix: 16), let s = EvseState(rawValue: v) else { return nil }
        self = s
    }
}
