import SimCore

/// The station profile's system timings: how long downloads, installations, uploads and
/// reboots take in virtual time, and what firmware an update installs.
public struct SystemSettings: Hashable, Sendable {
    /// Size of a firmware image (bytes) and the download speed (bytes per second).
    public var firmwareImageBytes: Int = 8_000_000
    public var downloadBytesPerSecond: Int = 400_000
    /// From `Installing` to `InstallRebooting`.
    public var installDuration: SimDuration = .seconds(30)
    /// From `InstallRebooting` to the controller's reboot.
    public var rebootDelay: SimDuration = .seconds(2)
    /// From `Uploading` to the upload's end.
    public var uploadDuration: SimDuration = .seconds(5)
    /// The `$GV` version the station reports after a firmware update is installed; empty keeps
    /// the profile's version with `-updated` appended.
    public var updatedFirmwareVersion: String = ""
    /// Whether a soft reset is allowed while a transaction is active.
    public var softResetWhileCharging: Bool = false
    public init() {}

    /// How long a download of the firmware image takes.
    public var downloadDuration: SimDuration {
        let perSecond = max(1, downloadBytesPerSecond)
        return .milliseconds(Int64(firmwareImageBytes) * 1000 / Int64(perSecond))
    }
}
