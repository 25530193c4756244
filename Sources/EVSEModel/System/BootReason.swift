/// Why the controller last booted (the system API's `BootReason`, everest-core
/// `docs/source/reference/EVerest_API/system_API.yaml`).
public enum BootReason: String, Hashable, Sendable, CaseIterable {
    case applicationReset = "ApplicationReset"
    case firmwareUpdate = "FirmwareUpdate"
    case localReset = "LocalReset"
    case powerUp = "PowerUp"
    case remoteReset = "RemoteReset"
    case scheduledReset = "ScheduledReset"
    case triggered = "Triggered"
    case unknown = "Unknown"
    case watchdog = "Watchdog"
}
