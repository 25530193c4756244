import SimCore

/// The station's own system: firmware update and log upload in progress, the pending reset,
/// the calendar clock's offset and why the controller last booted.
public struct SystemState: Hashable, Sendable {
    /// The next step of a firmware update.
    enum FirmwareStep: Hashable, Sendable {
        case startDownload, downloadDone, awaitingRetrieval, awaitingPermission, startInstall, installDone, reboot,
            rebooting
    }

    /// The firmware update in progress and its next step.
    @OutOfLine public internal(set) var firmware: FirmwareUpdateOrder?
    var firmwareStep: FirmwareStep = .startDownload
    /// Download attempts made so far.
    public internal(set) var downloadAttempts = 0
    /// The log upload in progress.
    @OutOfLine public internal(set) var upload: LogUploadOrder?
    /// The upload's time is up but its real transfer has not reported yet.
    var uploadOverdue = false
    /// A soft reset waiting for the transaction to end.
    public internal(set) var pendingReset: ResetType?
    var pendingResetScheduled = false
    /// Why the controller last booted.
    public internal(set) var bootReason: BootReason = .powerUp
    /// The reason the next boot will have (set just before a reboot the system causes).
    var nextBootReason: BootReason?
    /// The firmware version installed by an update, replacing the profile's.
    public internal(set) var installedFirmwareVersion: String?
    /// How far the calendar clock was moved by `set_system_time`.
    public internal(set) var clockOffset: SimDuration = .zero
    /// Failures armed by a scenario.
    public internal(set) var faults: Set<SystemFault> = []

    init() {}
}
