import EVSEModel
import Wire

/// What the system face did with one message.
public struct SystemFaceResult: Sendable {
    /// Replies and communication checks to publish.
    public var messages: [MQTTMessage] = []
    /// Trace records (requests, replies, rejections, simulated transfers).
    public var records: [TraceRecord] = []
    /// Why the message was rejected; nil when it was handled.
    public var rejection: String?

    public init() {}
}
