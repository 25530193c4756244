/// Why a transaction ended (EVerest `StopTransactionReason`).
///
/// The legacy API only distinguishes ``local`` (→ `FinishedEVSE`) from everything else
/// (→ `Finished`), reference/everest.md §1.7.
public enum EverestStopReason: String, Hashable, Sendable, CaseIterable, Codable {
    case deAuthorized = "DeAuthorized"
    case emergencyStop = "EmergencyStop"
    case energyLimitReached = "EnergyLimitReached"
    case evDisconnected = "EVDisconnected"
    case groundFault = "GroundFault"
    case hardReset = "HardReset"
    /// `stop_charging` from the API.
    case local = "Local"
    case localOutOfCredit = "LocalOutOfCredit"
    case masterPass = "MasterPass"
    case other = "Other"
    case overcurrentFault = "OvercurrentFault"
    case powerLoss = "PowerLoss"
    case powerQuality = "PowerQuality"
    case reboot = "Reboot"
    case remote = "Remote"
    case socLimitReached = "SOCLimitReached"
    case stoppedByEV = "StoppedByEV"
    case timeLimitReached = "TimeLimitReached"
    case timeout = "Timeout"
    /// `force_unlock` (which stops the transaction first, like OCPP UnlockConnector).
    case unlockCommand = "UnlockCommand"
    /// Disabling during a session (EvseManager 2026.06+, #2202).
    case evseDisabled = "EVSEDisabled"
}
