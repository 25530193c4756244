public import EVSEModel

/// A connector's status (OCPP 1.6 `ChargePointStatus`) with its error code.
public struct OCPPConnectorStatus: Hashable, Sendable {
    /// `Available`, `Preparing`, … `Faulted`.
    public var status: String
    /// `NoError`, or the `ChargePointErrorCode` of the error behind `Faulted`.
    public var errorCode: String
    /// The EVerest error type behind the code, for `info`/`vendorErrorCode`.
    public var errorType: String?

    /// The status of connector `connector` (0: the whole station, 1: the EVSE) as libocpp's
    /// state machine reaches it from EvseManager's session events (libocpp
    /// `lib/ocpp/v16/charge_point_state_machine.cpp`; everest-core `modules/OCPP/OCPP.cpp` maps
    /// SessionStarted to UsageInitiated, ChargingStarted to StartCharging, TransactionFinished
    /// to TransactionStoppedAndUserActionRequired, SessionFinished to BecomeAvailable, a
    /// disable to ChangeAvailabilityToUnavailable and every error to a fault).
    public init(of station: Station, connector: Int) { self.init(of: station.everest, connector: connector) }

    /// The status of connector `connector` from the station's EVerest side alone (what a caller
    /// holding the station in mutable storage passes, to copy less than the whole station).
    public init(of everest: borrowing EverestSide, connector: Int) {
        self.init(
            fault: everest.errors.errors.first { $0.type.isFatal }?.type, stationEnabled: everest.table.isEnabled,
            enabled: everest.enabled, phase: everest.phase, reserved: everest.reserved, connector: connector)
    }

    /// ``init(of:connector:)`` reading the station in place (`inout` only for that): the OCPP face
    /// asks after every change, and borrowing the EVerest side from mutable storage copied it.
    public init(reading station: inout Station, connector: Int) {
        self.init(
            fault: station.everest.errors.errors.first { $0.type.isFatal }?.type,
            stationEnabled: station.everest.table.isEnabled, enabled: station.everest.enabled,
            phase: station.everest.phase, reserved: station.everest.reserved, connector: connector)
    }

    private init(
        fault: EverestErrorType?, stationEnabled: Bool, enabled: Bool, phase: EverestSide.Phase, reserved: Bool,
        connector: Int
    ) {
        errorCode = "NoError"
        if connector == 0 {
            status = stationEnabled ? "Available" : "Unavailable"
            return
        }
        if let fault {
            status = "Faulted"
            errorCode = Self.errorCode(for: fault)
            errorType = fault.rawValue
            return
        }
        guard enabled else {
            status = "Unavailable"
            return
        }
        switch phase {
        case .idle: status = reserved ? "Reserved" : "Available"
        case .waitingForAuth, .preparing: status = "Preparing"
        case .charging, .stopping: status = "Charging"
        case .pausedEV: status = "SuspendedEV"
        case .pausedEVSE: status = "SuspendedEVSE"
        case .finished: status = "Finishing"
        case .disabled: status = "Unavailable"
        }
    }

    /// The `ChargePointErrorCode` an EVerest error type is reported with (everest-core
    /// `modules/OCPP/OCPP.cpp`, `get_error_info()`; types it does not name are `OtherError`).
    public static func errorCode(for type: EverestErrorType) -> String {
        switch type.name {
        case "MREC2GroundFailure", "DC", "AC", "Selftest": "GroundFailure"
        case "MREC3HighTemperature", "MREC18CableOverTempDerate", "MREC19CableOverTempStop": "HighTemperature"
        case "MREC4OverCurrentFailure": "OverCurrentFailure"
        case "MREC5OverVoltage": "OverVoltage"
        case "MREC6UnderVoltage", "MREC15PowerLoss": "UnderVoltage"
        case "MREC17EVSEContactorFault": "PowerSwitchFailure"
        case "DiodeFault", "MREC14PilotFault": "EVCommunicationError"
        case "ConnectorLockFailedUnlock", "ConnectorLockFailedLock", "MREC1ConnectorLockFailure":
            "ConnectorLockFailure"
        case "Inoperative": "InternalError"
        default: "OtherError"
        }
    }
}
