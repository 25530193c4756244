/// A message received from the broker, copied out of libmosquitto's buffers.
public struct MQTTMessage: Hashable, Sendable, CustomStringConvertible {
    /// The topic, without the client's topic prefix.
    public var topic: String
    /// The payload bytes.
    public var payload: [UInt8]
    /// The QoS it was delivered with.
    public var qos: Int32
    /// Whether the broker delivered it from its retained store.
    public var retain: Bool

    /// Creates a message.
    public init(topic: String, payload: [UInt8], qos: Int32 = 0, retain: Bool = false) {
        self.topic = topic
        self.payload = payload
        self.qos = qos
        self.retain = retain
    }

    /// The payload as UTF-8 text, or nil if it is not valid UTF-8.
    public var text: String? { String(validating: payload, as: UTF8.self) }

    /// The topic and the payload (as text when it is UTF-8), for logs.
    public var description: String {
        "\(topic) \(text.map { "'\($0)'" } ?? "<\(payload.count) bytes>")"
    }
}

/// A publication waiting for the connection.
public struct MQTTPublication: Hashable, Sendable {
    /// The full topic, prefix included.
    public var topic: String
    /// The payload bytes.
    public var payload: [UInt8]
    /// The QoS to publish with (0, 1 or 2).
    public var qos: Int32
    /// Whether the broker should retain it.
    public var retain: Bool

    /// Creates a publication.
    public init(topic: String, payload: [UInt8], qos: Int32 = 0, retain: Bool = false) {
        self.topic = topic
        self.payload = payload
        self.qos = qos
        self.retain = retain
    }
}
