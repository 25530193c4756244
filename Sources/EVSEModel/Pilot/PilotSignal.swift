/// What the EVSE drives onto the pilot: steady +12 V, a 1 kHz PWM carrying the offered
/// current, or steady −12 V.
public enum PilotSignal: Hashable, Sendable {
    /// Steady +12 V (state A, sleeping, faults, "X1").
    case steadyHigh
    /// 1 kHz PWM whose duty cycle (percent) offers a current.
    case pwm(dutyPercent: Double)
    /// Steady −12 V (disabled, "F").
    case steadyLow
    /// 0 V: the EVSE has no supply (power cut).
    case off

    /// The duty cycle in percent (100 for steady high, 0 for steady low).
    public var dutyPercent: Double {
        switch self {
        case .steadyHigh: 100
        case .steadyLow, .off: 0
        case .pwm(let d): d
        }
    }

    public var isPWM: Bool { if case .pwm = self { true } else { false } }

    /// A short name for traces: `+12V`, `-12V`, `off` or `pwm 26.6%`.
    public var traceName: String {
        switch self {
        case .steadyHigh: "+12V"
        case .steadyLow: "-12V"
        case .off: "off"
        case .pwm(let d): "pwm \((d * 1000).rounded() / 1000)%"
        }
    }
}

/// Conversions between offered current and PWM duty cycle.
public enum DutyCycle {
    /// The OpenEVSE firmware's duty cycle (percent) for `amps`: its compare value on a TOP of
    /// 8000 counts (open_evse `J1772Pilot::SetPWM()`). Returns nil outside 6…80 A, where the firmware
    /// rejects the request and leaves the pilot unchanged.
    ///
    /// The firmware multiplies by 133 (= 8000/60 truncated), so 16 A is 26.6 %, not 26.67 %.
    public static func openEVSEPercent(amps: Int) -> Double? {
        let count: Int
        switch amps {
        case 6...51: count = amps * 133
        case 52...80: count = amps * 32 + 5120
        default: return nil
        }
        return Double(count) / 80
    }

    /// The current an EV reads from a duty cycle, per the IEC 61851-1 duty-cycle table.
    /// Returns 0 where charging is not allowed; 3–7 % (digital communication) also reads as 0.
    public static func amps(dutyPercent d: Double) -> Double {
        switch d {
        case ..<8: 0
        case 8..<10: 6
        case 10...85: 0.6 * d
        case 85...96: (d - 64) * 2.5
        case 96...97: 80
        default: 0
        }
    }

    /// EvseManager's `Charger::ampere_to_duty_cycle()`: 100 % below 5.9 A (no
    /// valid PWM), the 51–52.5 A gap clamped to 85 %, 97 % up to 80.1 A.
    public static func everestPercent(amps a: Double) -> Double {
        switch a {
        case ..<5.9: 100
        case 5.9..<6.1: 10
        case 6.1..<51: a / 0.6
        case 51..<52.5: 85
        case 52.5..<80: a / 2.5 + 64
        case 80...80.1: 97
        default: 100
        }
    }
}
