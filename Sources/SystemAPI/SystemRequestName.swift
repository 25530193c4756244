/// The requests EVerest sends to the system module (`e2m/<name>`).
public enum SystemRequestName: String, Hashable, Sendable, CaseIterable {
    case updateFirmware = "update_firmware"
    case allowFirmwareInstallation = "allow_firmware_installation"
    case uploadLogs = "upload_logs"
    case isResetAllowed = "is_reset_allowed"
    case reset
    case setSystemTime = "set_system_time"
    case getBootReason = "get_boot_reason"
    case heartbeat

    /// Whether the document gives the request a reply (plain calls and the heartbeat have none).
    public var hasReply: Bool { ![.allowFirmwareInstallation, .reset, .heartbeat].contains(self) }
}
