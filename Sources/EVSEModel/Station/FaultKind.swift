/// A fault condition a scenario can inject into the physical world.
///
/// These are conditions, not controller states: a `gfi` leak persists until cleared, and the
/// controller trips on it every time it closes the relay, exactly as it would on real hardware.
public enum FaultKind: String, Hashable, Sendable, CaseIterable, Codable {
    /// Residual current: the GFI trips whenever the relay is closed.
    case gfi
    /// The GFI self-test before closing the relay fails.
    case gfiSelfTest
    /// Protective earth lost: no AC sensed once the relay has been closed for a second.
    case groundLoss
    /// The relay contacts weld: commanded open, they stay closed.
    case stuckRelay
    /// The EV's pilot diode is shorted.
    case diode
    /// Pilot shorted to PE (IEC 61851 state E).
    case stateE
    /// The enclosure overheats: the ambient sensor reads above the panic threshold.
    case overTemperature
    /// The EV draws 6 A more than offered.
    case overCurrent
}
