/// A broker URL or set of ``MQTTOptions`` that cannot work.
public struct MQTTOptionsError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The URL as given, with any password replaced by `***`.
    public var url: String
    /// What is wrong, for a person.
    public var reason: String

    /// Creates an error about `url` (pass it already redacted).
    public init(url: String, reason: String) {
        self.url = url
        self.reason = reason
    }

    /// The redacted URL and the reason.
    public var description: String { "invalid MQTT broker URL '\(url)': \(reason)" }
}
