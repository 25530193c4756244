import SimCore

/// The station's system (firmware update, log upload, reset, clock, boot reason), as EVerest's
/// system API asks for it (everest-core `docs/source/reference/EVerest_API/system_API.yaml`).
/// Timings come from the profile's ``SystemSettings``; nothing here does I/O.
extension Station {
    /// The firmware version the controller runs: the profile's until an update installs another.
    public var runningFirmwareVersion: String { system.installedFirmwareVersion ?? profile.firmwareVersion }

    /// The calendar time (seconds since the Unix epoch) at `now`, after `set_system_time`.
    public var calendarEpochSeconds: Int64 {
        wallTime.startEpochSeconds + (now.nanoseconds + system.clockOffset.nanoseconds) / 1_000_000_000
    }

    /// The instant whose calendar time the clock shows now (``now`` moved by `set_system_time`):
    /// what RAPI `$GT` and EVerest `datetime` read through ``wallTime``.
    public var calendarInstant: SimInstant { now + system.clockOffset }

    // MARK: - Firmware update

    /// Starts a firmware update; returns whether it cancelled one in progress.
    @discardableResult
    public mutating func updateFirmware(_ order: FirmwareUpdateOrder) -> Bool {
        let cancelled = system.firmware != nil && system.firmwareStep != .rebooting
        disarm(.firmware)
        system.firmware = order
        system.downloadAttempts = 0
        if let at = order.retrieveAt, at > now {
            firmwareStatus(.downloadScheduled)
            system.firmwareStep = .startDownload
            arm(.firmware, at: at)
        } else {
            startDownload()
        }
        afterChange()
        return cancelled
    }

    /// EVerest allows the downloaded firmware to be installed (all EVSEs are unavailable).
    /// Ignored unless an update is waiting for it.
    public mutating func allowFirmwareInstallation() {
        guard let order = system.firmware, system.firmwareStep == .awaitingPermission else { return }
        if let at = order.installAt, at > now {
            firmwareStatus(.installScheduled)
            system.firmwareStep = .startInstall
            arm(.firmware, at: at)
        } else {
            startInstall()
        }
        afterChange()
    }

    mutating func firmwareTimer() {
        guard let order = system.firmware else { return }
        switch system.firmwareStep {
        case .startDownload: startDownload()
        case .downloadDone: downloadDone(order)
        case .startInstall: startInstall()
        case .installDone: installDone()
        case .reboot:
            system.firmwareStep = .rebooting
            system.nextBootReason = .firmwareUpdate
            let updated = profile.system.updatedFirmwareVersion
            system.installedFirmwareVersion = updated.isEmpty ? profile.firmwareVersion + "-updated" : updated
            closeSessionAfterPowerLoss(reason: .reboot)
            reboot()
        case .awaitingPermission, .rebooting: break
        }
    }

    private mutating func startDownload() {
        system.downloadAttempts += 1
        firmwareStatus(.downloading)
        system.firmwareStep = .downloadDone
        arm(.firmware, after: profile.system.downloadDuration)
    }

    private mutating func downloadDone(_ order: FirmwareUpdateOrder) {
        var failed = system.faults.contains(.downloadFails)
        var signatureValid: Bool? = order.signed ? true : nil
        switch order.retrieval {
        case .simulated: if order.signed, system.faults.contains(.signatureInvalid) { signatureValid = false }
        case .failed: failed = true
        case .fetched(_, let valid): signatureValid = valid ?? signatureValid
        }
        if failed {
            if system.downloadAttempts < order.retries {
                system.firmwareStep = .startDownload
                arm(.firmware, after: order.retryInterval)
            } else {
                endFirmware(.downloadFailed)
            }
            return
        }
        firmwareStatus(.downloaded)
        if let signatureValid {
            guard signatureValid else { return endFirmware(.invalidSignature) }
            firmwareStatus(.signatureVerified)
        }
        system.firmwareStep = .awaitingPermission
    }

    private mutating func startInstall() {
        firmwareStatus(.installing)
        system.firmwareStep = .installDone
        arm(.firmware, after: profile.system.installDuration)
    }

    private mutating func installDone() {
        if system.faults.contains(.installationFails) { return endFirmware(.installationFailed) }
        if system.faults.contains(.installVerificationFails) { return endFirmware(.installVerificationFailed) }
        firmwareStatus(.installRebooting)
        system.firmwareStep = .reboot
        arm(.firmware, after: profile.system.rebootDelay)
    }

    /// After the boot that follows an installation: the update is done.
    mutating func systemBooted() {
        guard system.firmware != nil, system.firmwareStep == .rebooting else { return }
        endFirmware(.installed)
    }

    private mutating func endFirmware(_ status: FirmwareUpdateStatus) {
        firmwareStatus(status)
        system.firmware = nil
        disarm(.firmware)
    }

    private mutating func firmwareStatus(_ status: FirmwareUpdateStatus) {
        note(.firmwareUpdateStatus(status, requestID: system.firmware?.requestID ?? -1))
    }

    // MARK: - Log upload

    /// Starts a log upload; returns whether it cancelled one in progress (whose request then
    /// reports `AcceptedCanceled`).
    @discardableResult
    public mutating func uploadLogs(_ order: LogUploadOrder) -> Bool {
        let previous = system.upload
        if let previous { note(.logStatus(.acceptedCanceled, requestID: previous.requestID)) }
        system.upload = order
        note(.logStatus(.uploading, requestID: order.requestID))
        arm(.logUpload, after: profile.system.uploadDuration)
        afterChange()
        return previous != nil
    }

    mutating func logUploadTimer() {
        guard let order = system.upload else { return }
        system.upload = nil
        let faults = system.faults
        let status: LogStatus =
            if faults.contains(.uploadPermissionDenied) {
                .permissionDenied
            } else if faults.contains(.uploadBadMessage) {
                .badMessage
            } else if faults.contains(.uploadNotSupported) {
                .notSupportedOperation
            } else if faults.contains(.uploadFails) {
                .uploadFailure
            } else {
                order.transfer ?? .uploaded
            }
        note(.logStatus(status, requestID: order.requestID))
    }

    // MARK: - Reset

    /// Whether a reset of `type` may happen now: a hard reset always; a soft one not while a
    /// transaction is active, unless the profile allows it.
    public func isResetAllowed(_ type: ResetType) -> Bool {
        type == .hard || everest.transaction == .none || profile.system.softResetWhileCharging
    }

    /// Resets the controller: a hard reset at once, stopping the transaction (HardReset); a soft
    /// one once the transaction has ended.
    public mutating func reset(_ type: ResetType, scheduled: Bool) {
        note(.systemReset(type, scheduled: scheduled))
        if type != .hard, everest.transaction != .none, !profile.system.softResetWhileCharging {
            system.pendingReset = type
            system.pendingResetScheduled = scheduled
        } else {
            resetNow(type, scheduled: scheduled)
        }
        afterChange()
    }

    private mutating func resetNow(_ type: ResetType, scheduled: Bool) {
        system.pendingReset = nil
        system.nextBootReason = scheduled ? .scheduledReset : .remoteReset
        closeSessionAfterPowerLoss(reason: type == .hard ? .hardReset : .reboot)
        reboot()
    }

    /// A soft reset waiting for the transaction runs once it has ended.
    mutating func runPendingReset() {
        guard let type = system.pendingReset, everest.transaction == .none else { return }
        resetNow(type, scheduled: system.pendingResetScheduled)
    }

    /// Notes why the controller is booting now (called at power-up).
    mutating func noteBootReason() {
        system.bootReason = system.nextBootReason ?? .powerUp
        system.nextBootReason = nil
        note(.bootReason(system.bootReason))
    }

    // MARK: - Clock and faults

    /// Moves the calendar clock so it reads `epochSeconds` now; virtual time is untouched.
    public mutating func setSystemTime(epochSeconds: Int64) {
        let current = wallTime.startEpochSeconds * 1_000_000_000 + now.nanoseconds
        system.clockOffset = .nanoseconds(epochSeconds * 1_000_000_000 - current)
        note(.systemTimeSet(epochSeconds: epochSeconds))
        afterChange()
    }

    /// Arms (or clears) a system failure.
    public mutating func setSystemFault(_ fault: SystemFault, active: Bool) {
        if active { system.faults.insert(fault) } else { system.faults.remove(fault) }
        note(.systemFault(fault, active: active))
    }
}
