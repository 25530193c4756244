/// The faults the station model can have, in OpenEVSE terms, and how the EVerest face reports
/// them (everest-core `errors/evse_board_support.yaml`, `errors/evse_manager.yaml`).
///
/// Every mapped error is raised with severity High, as the SIL raises injected faults.
public enum StationFaultKind: String, Hashable, Sendable, CaseIterable, Codable {
    /// GFCI (residual current) trip.
    case gfi
    /// GFCI self-test failed at start-up or before charging.
    case gfiSelfTest
    /// Ground monitoring found no protective earth.
    case groundLoss
    /// A relay is welded or did not close.
    case stuckRelay
    /// The EV's CP diode check failed.
    case diode
    /// CP in state E (shorted to PE).
    case stateE
    /// The EVSE is too hot.
    case overTemperature
    /// The EV draws more than it was offered.
    case overCurrent
    /// Mains failure.
    case powerLoss

    /// The EVerest error this fault raises.
    public var everestError: EverestErrorSpec {
        switch self {
        // The ChargeX code whose description is literally "GFCI activated"; the SIL's
        // fault switch raises this one. (YetiSimulator's own RCD model raises ac_rcd/DC.)
        case .gfi: EverestErrorSpec(type: .groundFailure)
        case .gfiSelfTest: EverestErrorSpec(type: .rcdSelftest)
        // EVerest has no ground-monitoring error; vendors report it as a VendorError, which
        // is fatal like OpenEVSE's "no ground".
        case .groundLoss: EverestErrorSpec(type: .bspVendorError, subType: "NoGround")
        // "Contactors fail to open or close … may also include welding related errors."
        case .stuckRelay: EverestErrorSpec(type: .contactorFault)
        case .diode: EverestErrorSpec(type: .diodeFault)
        // State E is a pilot voltage out of range from the EVSE's point of view.
        case .stateE: EverestErrorSpec(type: .pilotFault)
        // Not fatal in EvseManager (it means derating), so it raises no Inoperative even
        // though OpenEVSE stops charging; the station's own controller still stops.
        case .overTemperature: EverestErrorSpec(type: .highTemperature)
        // The board-support code (the controller measured the over-current); EvseManager's
        // own soft over-current would be `evse_manager/MREC4OverCurrentFailure`.
        case .overCurrent: EverestErrorSpec(type: .overCurrent)
        case .powerLoss: EverestErrorSpec(type: .powerLoss)
        }
    }
}
