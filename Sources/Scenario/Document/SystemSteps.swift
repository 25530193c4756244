import JSON
import SimCore
import SystemAPI

/// `{"system": {"request": "update_firmware", "payload": {…}, "reply": "Accepted"}}`: a request
/// into the system API face, as EVerest sends it (in the `{"headers": {"replyTo": …},
/// "payload": …}` envelope where the document has one).
public struct SystemRequestStep: Hashable, Sendable {
    /// The request.
    public var name: SystemRequestName
    /// The request's payload as written (nil: none).
    public var payload: JSONValue?
    /// Whether the envelope names a reply topic (false plays a sender that wants no reply).
    public var wantsReply: Bool
    /// What the reply must contain, if checked.
    public var reply: JSONSubsetPattern?

    /// Creates a request step.
    public init(
        name: SystemRequestName, payload: JSONValue? = nil, wantsReply: Bool = true, reply: JSONSubsetPattern? = nil
    ) {
        self.name = name
        self.payload = payload
        self.wantsReply = wantsReply
        self.reply = reply
    }
}

/// `{"expect": {"system": {"firmware_update_status": ["Downloading", "Downloaded"], "within": "5m"}}}`:
/// the next status messages on `m2e/firmware_update_status` (or `m2e/log_status`) must be
/// exactly these, in order.
public struct SystemStatusExpectation: Hashable, Sendable {
    /// `firmware_update_status` or `log_status`.
    public var topic: String
    /// The statuses, in order.
    public var statuses: [String]
    /// How long to wait for all of them.
    public var within: SimDuration?

    /// Creates an expectation.
    public init(topic: String, statuses: [String], within: SimDuration? = nil) {
        self.topic = topic
        self.statuses = statuses
        self.within = within
    }
}
