import JSON

/// The answer to a control request: an HTTP status and a JSON body.
public struct ControlReply: Sendable, Error {
    /// The HTTP status code.
    public var status: Int
    /// The body, JSON text.
    public var body: [UInt8]

    /// A reply with `value` as its body.
    public init(status: Int, _ value: JSONValue) {
        self.status = status
        self.body = JSONWriter.compact.bytes(value)
    }

    /// An error reply: `{"error": message, "issues": [...]}`.
    public static func error(_ status: Int, _ message: String, issues: [String] = []) -> ControlReply {
        var object = JSONObject()
        object["error"] = .string(message)
        if !issues.isEmpty { object["issues"] = .array(issues.map { .string($0) }) }
        return ControlReply(status: status, .object(object))
    }

    /// The live loop no longer answers (the session is ending).
    static let unavailable = ControlReply.error(503, "the session is ending; no station takes requests any more")
}
