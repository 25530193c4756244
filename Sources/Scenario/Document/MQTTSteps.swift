import SimCore

/// `{"mqtt": {"topic": "cmd/set_limit_amps", "payload": "16"}}`: a message into the EVerest face.
public struct MQTTPublish: Hashable, Sendable {
    /// The topic, as written (the runner decides how it relates to `everest_api/<evse>/`).
    public var topic: String
    /// The payload: a string as written, any other JSON value serialised compactly, or empty
    /// when the scenario gave none.
    public var payload: String

    /// Creates a publication.
    public init(topic: String, payload: String) {
        self.topic = topic
        self.payload = payload
    }
}

/// `{"expect": {"mqtt": {"topic": …, "json": {…}, "within": "2s"}}}`: the EVerest face must
/// publish on `topic` a payload that contains `json`.
public struct MQTTExpectation: Hashable, Sendable {
    /// The topic or topic filter (`+` and `#` wildcards allowed).
    public var topic: String
    /// What the payload must contain; `nil` when any payload will do.
    public var json: JSONSubsetPattern?
    /// How long to wait for it; `nil` leaves the choice to the runner.
    public var within: SimDuration?
    /// The payload as text (plain-string topics such as `connection_status`); `*` matches any run
    /// of characters. Exclusive with ``json``.
    public var payload: LinePattern?

    /// Creates an expectation.
    public init(topic: String, json: JSONSubsetPattern? = nil, within: SimDuration? = nil) {
        self.topic = topic
        self.json = json
        self.within = within
    }
}
