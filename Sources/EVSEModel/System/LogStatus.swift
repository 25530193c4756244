/// Where a log upload stands (the system API's `LogStatusEnum`, everest-core
/// `docs/source/reference/EVerest_API/system_API.yaml`).
public enum LogStatus: String, Hashable, Sendable, CaseIterable {
    case acceptedCanceled = "AcceptedCanceled"
    case badMessage = "BadMessage"
    case idle = "Idle"
    case notSupportedOperation = "NotSupportedOperation"
    case permissionDenied = "PermissionDenied"
    case uploaded = "Uploaded"
    case uploadFailure = "UploadFailure"
    case uploading = "Uploading"
}
