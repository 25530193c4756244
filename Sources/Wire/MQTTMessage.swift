/// One MQTT message, in either direction: what the EVerest face hands to whoever carries it (the
/// broker in live mode, the trace and the scenario's expectations in fast mode), and what the
/// transport receives from the broker or queues while disconnected.
///
/// Every API topic is published QoS 0 and not retained (everest-core `Everest::external_mqtt_publish()`), so
/// ``qos`` and ``retain`` are 0 and false for everything the face produces; they are fields so
/// that the transport can carry other traffic in the same type.
public struct MQTTMessage: Hashable, Sendable {
    /// The full topic, prefix included.
    public var topic: String
    /// The exact bytes on the wire (raw strings carry no JSON quotes).
    public var payload: [UInt8]
    /// The QoS it is published or was delivered with (0, 1 or 2).
    public var qos: Int32
    /// The MQTT retain flag.
    public var retain: Bool

    /// Creates a message.
    public init(topic: String, payload: [UInt8], qos: Int32 = 0, retain: Bool = false) {
        self.topic = topic
        self.payload = payload
        self.qos = qos
        self.retain = retain
    }

    /// The payload decoded as UTF-8 (invalid sequences become U+FFFD), for traces and logs.
    public var payloadText: String { String(decoding: payload, as: UTF8.self) }

    /// The payload as UTF-8 text, or nil if it is not valid UTF-8.
    public var text: String? { String(validating: payload, as: UTF8.self) }
}

extension MQTTMessage: CustomStringConvertible {
    /// `topic payload`, as `mosquitto_sub -v` prints it.
    public var description: String { "\(topic) \(payloadText)" }
}
