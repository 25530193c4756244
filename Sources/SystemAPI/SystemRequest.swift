import EVSEModel

/// A request to the system module, validated against the document's schemas.
public enum SystemRequest: Hashable, Sendable {
    /// `FirmwareUpdateRequest`.
    case updateFirmware(FirmwareUpdateRequest)
    /// No payload.
    case allowFirmwareInstallation
    /// `UploadLogsRequest`.
    case uploadLogs(UploadLogsRequest)
    /// `ResetType`.
    case isResetAllowed(ResetType)
    /// `ResetRequest`: a missing type is `NotSpecified`.
    case reset(ResetType, scheduled: Bool)
    /// `SystemTime`: seconds since the Unix epoch.
    case setSystemTime(epochSeconds: Int64)
    /// No payload.
    case getBootReason
    /// `HeartBeatId`.
    case heartbeat(UInt64)
}

/// The system API's `FirmwareUpdateRequest`.
public struct FirmwareUpdateRequest: Hashable, Sendable {
    public var requestID: Int
    public var location: String
    public var retries: Int?
    public var retryIntervalSeconds: Int?
    /// `retrieve_timestamp`, seconds since the Unix epoch.
    public var retrieveEpochSeconds: Int64?
    /// `install_timestamp`, seconds since the Unix epoch.
    public var installEpochSeconds: Int64?
    public var signingCertificate: String?
    public var signature: String?

    /// Creates a request.
    public init(requestID: Int, location: String) {
        self.requestID = requestID
        self.location = location
    }
}

/// The system API's `UploadLogsRequest`.
public struct UploadLogsRequest: Hashable, Sendable {
    public var location: String
    public var requestID: Int?
    public var retries: Int?
    public var retryIntervalSeconds: Int?
    /// `oldest_timestamp`, seconds since the Unix epoch.
    public var oldestEpochSeconds: Int64?
    /// `latest_timestamp`, seconds since the Unix epoch.
    public var latestEpochSeconds: Int64?
    /// `type`, e.g. `DiagnosticsLog`.
    public var type: String?

    /// Creates a request.
    public init(location: String) { self.location = location }
}
