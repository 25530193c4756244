/// Why a transaction ended (EVerest `StopTransactionReason`).
///
/// The legacy API only distinguishes ``local`` (→ `FinishedEVSE`) from everything else
/// (→ `Finished`), everest-core `SessionInfo::update_state()`.
public enum EverestStopReason: String, Hashable, Sendable, CaseIterable, Codable {
    /// The authorization was withdrawn.
    case deAuthorized = "DeAuthorized"
    /// Emergency stop.
    case emergencyStop = "EmergencyStop"
    /// An energy limit was reached.
    case energyLimitReached = "EnergyLimitReached"
    /// The EV was unplugged.
    case evDisconnected = "EVDisconnected"
    /// A ground fault.
    case groundFault = "GroundFault"
    /// A hard reset.
    case hardReset = "HardReset"
    /// `stop_charging` from the API.
    case local = "Local"
    /// Out of credit.
    case localOutOfCredit = "LocalOutOfCredit"
    /// A master pass ended it.
    case masterPass = "MasterPass"
    /// Any other reason.
    case other = "Other"
    /// Over-current.
    case overcurrentFault = "OvercurrentFault"
    /// Mains failure.
    case powerLoss = "PowerLoss"
    /// Power quality problem.
    case powerQuality = "PowerQuality"
    /// The station rebooted.
    case reboot = "Reboot"
    /// Stopped remotely (CSMS).
    case remote = "Remote"
    /// A state-of-charge limit was reached.
    case socLimitReached = "SOCLimitReached"
    /// The EV stopped.
    case stoppedByEV = "StoppedByEV"
    /// A time limit was reached.
    case timeLimitReached = "TimeLimitReached"
    /// A timeout.
    case timeout = "Timeout"
    /// `force_unlock` (which stops the transaction first, like OCPP UnlockConnector).
    case unlockCommand = "UnlockCommand"
    /// Disabling during a session (EvseManager 2026.06+, #2202).
    case evseDisabled = "EVSEDisabled"
}
