import EVSEModel

/// The pilot-state byte of `$GS` field 3 and `$AT` field 2 (open_evse `GetPilotState()`).
///
/// It is the J1772 vehicle state the controller reads from the pilot voltage, in the EVSE
/// state's own codes, not the PWM on/off state. It can differ from the EVSE state (EV at 6 V
/// while the pilot is not yet PWM: EVSE `02`, pilot `03`), decays to `00` during faults and is
/// frozen while sleeping or disabled; deciding its value is the station's job.
public enum RAPIPilotCode: UInt8, Hashable, Sendable, CaseIterable, Codable {
    /// `00`: not evaluated (boot, or 250 ms into a fault).
    case unknown = 0x00
    /// `01`: +12 V, no vehicle.
    case a = 0x01
    /// `02`: +9 V, vehicle connected.
    case b = 0x02
    /// `03`: +6 V, vehicle ready to charge.
    case c = 0x03
    /// `04`: +3 V, vehicle needs ventilation.
    case d = 0x04
    /// `05`: the pilot's negative half is not low enough (diode check failed).
    case diodeCheckFailed = 0x05

    /// The code for a measured IEC pilot level; nil for E (0 V) and F (−12 V), which the
    /// controller does not report as a pilot state (the station decides what to show then).
    public init?(_ pilot: PilotState) {
        switch pilot {
        case .a: self = .a
        case .b: self = .b
        case .c: self = .c
        case .d: self = .d
        case .e, .f: return nil
        }
    }
}
