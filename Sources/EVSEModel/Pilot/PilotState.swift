/// The IEC 61851-1 control-pilot state (Annex A), as seen on the wire.
public enum PilotState: String, Hashable, Sendable, CaseIterable, Codable {
    /// +12 V: no EV connected.
    case a = "A"
    /// +9 V: EV connected, not requesting energy.
    case b = "B"
    /// +6 V: EV ready to charge.
    case c = "C"
    /// +3 V: EV ready, ventilation required.
    case d = "D"
    /// 0 V: pilot shorted to PE, or the EVSE has no supply.
    case e = "E"
    /// −12 V: EVSE not available.
    case f = "F"

    /// Positive pilot level in volts for this state.
    public var volts: Double {
        switch self {
        case .a: 12
        case .b: 9
        case .c: 6
        case .d: 3
        case .e: 0
        case .f: -12
        }
    }
}
