/// A log upload as the station's system carries it out; the bytes were sent (or not) before
/// the order reaches the model, which plays out the timing.
public struct LogUploadOrder: Hashable, Sendable {
    /// The request id (`-1` when the request had none, as for a classic GetDiagnostics).
    public var requestID: Int
    /// Where the log goes.
    public var location: String
    /// The file name reported in the reply.
    public var fileName: String
    /// The outcome of the real transfer; nil when it was simulated (succeeds unless a fault is armed).
    public var transfer: LogStatus?

    /// Creates an order.
    public init(requestID: Int, location: String, fileName: String, transfer: LogStatus? = nil) {
        self.requestID = requestID
        self.location = location
        self.fileName = fileName
        self.transfer = transfer
    }
}
