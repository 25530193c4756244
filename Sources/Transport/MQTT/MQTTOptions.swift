/// Where and how ``MosquittoClient`` connects.
public struct MQTTOptions: Hashable, Sendable {
    /// Broker host name or address.
    public var host: String
    /// Broker TCP port.
    public var port: Int
    /// The MQTT client identifier; must be unique on the broker (a second connection with the
    /// same id makes the broker drop the first).
    public var clientID: String
    /// User name, if the broker wants one.
    public var username: String?
    /// Password, sent only with a user name.
    public var password: String?
    /// Whether to connect with TLS.
    public var useTLS: Bool
    /// PEM file of trusted CA certificates for TLS; nil uses the system's `/etc/ssl/certs`.
    public var caFile: String?
    /// Seconds between keep-alive pings (libmosquitto requires at least 5).
    public var keepaliveSeconds: Int
    /// Prepended with a `/` to every topic the client publishes or subscribes to, and removed
    /// from the topics of messages it delivers; empty for none.
    public var topicPrefix: String

    /// The plain MQTT port.
    public static let defaultPort = 1883
    /// The MQTT-over-TLS port.
    public static let defaultTLSPort = 8883

    /// Creates options; the port defaults to 1883, or 8883 with TLS.
    public init(
        host: String = "127.0.0.1",
        port: Int? = nil,
        clientID: String = "evsesim",
        username: String? = nil,
        password: String? = nil,
        useTLS: Bool = false,
        caFile: String? = nil,
        keepaliveSeconds: Int = 30,
        topicPrefix: String = ""
    ) {
        self.host = host
        self.port = port ?? (useTLS ? Self.defaultTLSPort : Self.defaultPort)
        self.clientID = clientID
        self.username = username
        self.password = password
        self.useTLS = useTLS
        self.caFile = caFile
        self.keepaliveSeconds = keepaliveSeconds
        self.topicPrefix = topicPrefix
    }

    /// `topic` with the prefix in front.
    public func fullTopic(_ topic: String) -> String {
        topicPrefix.isEmpty ? topic : topicPrefix + "/" + topic
    }

    /// `topic` without the prefix (unchanged when it does not start with it).
    public func relativeTopic(_ topic: String) -> String {
        guard !topicPrefix.isEmpty, topic.hasPrefix(topicPrefix + "/") else { return topic }
        return String(topic.dropFirst(topicPrefix.count + 1))
    }

    /// The broker address for logs, without credentials: `mqtts://host:8883/prefix`.
    public var redactedURL: String {
        let user = username.map { "\($0)@" } ?? ""
        let shownHost = host.contains(":") ? "[\(host)]" : host
        let prefix = topicPrefix.isEmpty ? "" : "/" + topicPrefix
        return "\(useTLS ? "mqtts" : "mqtt")://\(user)\(shownHost):\(port)\(prefix)"
    }

    /// Checks what libmosquitto would reject later, with a message that says which field.
    public func validate() throws(MQTTOptionsError) {
        guard !host.isEmpty else { throw MQTTOptionsError(url: redactedURL, reason: "the host is empty") }
        guard (1...65_535).contains(port) else {
            throw MQTTOptionsError(url: redactedURL, reason: "port \(port) is outside 1–65535")
        }
        guard keepaliveSeconds >= 5 else {
            throw MQTTOptionsError(
                url: redactedURL, reason: "keepalive \(keepaliveSeconds) s is below libmosquitto's minimum of 5 s")
        }
        guard !clientID.isEmpty, clientID.utf8.count <= 65_535 else {
            throw MQTTOptionsError(url: redactedURL, reason: "the client id must be 1–65535 bytes")
        }
        guard !topicPrefix.contains(where: { $0 == "+" || $0 == "#" }) else {
            throw MQTTOptionsError(
                url: redactedURL, reason: "the topic prefix '\(topicPrefix)' contains a wildcard (+ or #)")
        }
        guard password == nil || username != nil else {
            throw MQTTOptionsError(url: redactedURL, reason: "a password needs a user name")
        }
    }
}
