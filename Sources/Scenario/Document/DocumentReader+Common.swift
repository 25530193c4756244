import JSON
import SimCore

/// Pieces every evsesim document (scenarios, fleet files) reads the same way.
extension DocumentReader {
    /// `"start"`: an RFC 3339 UTC time.
    public mutating func startTime(_ node: JSONNode) -> WallTime? {
        guard let text = node.value.stringValue, let time = WallTime(rfc3339: text) else {
            report(node, expected: #"an RFC 3339 time like "2026-03-01T18:00:00Z""#)
            return nil
        }
        return time
    }

    /// `{"profile": name, …overrides}`: a profile named among `names`, with the rest of the object
    /// kept (with its locations) as overrides.
    public mutating func profileSelection(_ node: JSONNode, kind: String, names: [String]) -> ProfileSelection? {
        guard var object = node.value.objectValue else {
            report(node, expected: "an object with a \"profile\" key (the \(kind))")
            return nil
        }
        guard let profile = object["profile"] else {
            report(
                at: node.location, path: node.path.appending("profile"), expected: #"the required key "profile""#,
                found: "a \(kind) without it", choices: names)
            return nil
        }
        let profileNode = JSONNode(profile, path: node.path.appending("profile"))
        guard let name = self.name(profileNode, among: names, expected: "a \(kind) profile") else { return nil }
        object.remove("profile")
        return ProfileSelection(
            profile: name, overrides: JSONValue(.object(object), location: node.location), path: node.path)
    }

    /// Parses a document's bytes; a syntax error (or more than `maximumValues` values) becomes
    /// the document's one issue.
    public static func parse(_ bytes: [UInt8], file: String, maximumValues: Int = .max) throws(ScenarioValidationError)
        -> JSONValue
    {
        do {
            var policy = JSONParser.Policy.authoring
            policy.maximumValues = maximumValues
            return try JSONParser(policy: policy).parse(bytes, file: file)
        } catch {
            var issue = ScenarioIssue(error)
            if issue.expected.hasSuffix("JSON values in one document") {
                issue.expected += " (raise the limit with --max-values)"
            }
            throw ScenarioValidationError(file: file, issues: [issue])
        }
    }
}
