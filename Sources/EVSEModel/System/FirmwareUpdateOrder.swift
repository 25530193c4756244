import SimCore

/// A firmware update as the station's system carries it out: the request's times already in
/// virtual time, and what fetching and checking the image gave (decided before the order
/// reaches the model, which only plays out the timing).
public struct FirmwareUpdateOrder: Hashable, Sendable {
    /// What happened when the image was fetched and its signature checked.
    public enum Retrieval: Hashable, Sendable {
        /// The location's scheme is not fetched (e.g. `ftp://`): the download is simulated and succeeds.
        case simulated
        /// The image was fetched; `signatureValid` is nil when no signature was given.
        case fetched(bytes: Int, signatureValid: Bool?)
        /// Every attempt to fetch the image failed.
        case failed(reason: String)
    }

    /// The request id (`-1` for a classic OCPP 1.6 UpdateFirmware).
    public var requestID: Int
    /// Where the image comes from.
    public var location: String
    /// Download attempts before giving up (at least 1).
    public var retries: Int
    /// Wait between attempts.
    public var retryInterval: SimDuration
    /// When to start the download; nil or past: at once.
    public var retrieveAt: SimInstant?
    /// When to install once allowed; nil or past: at once.
    public var installAt: SimInstant?
    /// Whether a signature and signing certificate came with the request.
    public var signed: Bool
    /// What fetching gave.
    public var retrieval: Retrieval

    /// Creates an order.
    public init(
        requestID: Int, location: String, retries: Int = 1, retryInterval: SimDuration = .seconds(60),
        retrieveAt: SimInstant? = nil, installAt: SimInstant? = nil, signed: Bool = false,
        retrieval: Retrieval = .simulated
    ) {
        self.requestID = requestID
        self.location = location
        self.retries = retries
        self.retryInterval = retryInterval
        self.retrieveAt = retrieveAt
        self.installAt = installAt
        self.signed = signed
        self.retrieval = retrieval
    }
}
