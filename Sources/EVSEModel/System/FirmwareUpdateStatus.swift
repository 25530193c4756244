/// Where a firmware update stands (the system API's `FirmwareUpdateStatusEnum`, everest-core
/// `docs/source/reference/EVerest_API/system_API.yaml`).
public enum FirmwareUpdateStatus: String, Hashable, Sendable, CaseIterable {
    case downloaded = "Downloaded"
    case downloadFailed = "DownloadFailed"
    case downloading = "Downloading"
    case downloadScheduled = "DownloadScheduled"
    case downloadPaused = "DownloadPaused"
    case idle = "Idle"
    case installationFailed = "InstallationFailed"
    case installing = "Installing"
    case installed = "Installed"
    case installRebooting = "InstallRebooting"
    case installScheduled = "InstallScheduled"
    case installVerificationFailed = "InstallVerificationFailed"
    case invalidSignature = "InvalidSignature"
    case signatureVerified = "SignatureVerified"
}
