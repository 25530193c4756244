import FoundationEssentials

/// Checks a profile layer's keys against the defaults' shape and turns decoding errors into
/// located issues.
enum KeyCheck {
    /// Keys whose value is an optional that the defaults leave out.
    static let openKeys: Set<String> = ["cableAmps"]

    static func unknownKeys(
        in layer: JSONValue, against base: JSONValue, path: JSONPath, file: String, issues: inout [ScenarioIssue]
    ) {
        guard let object = layer.objectValue, let baseObject = base.objectValue else { return }
        for member in object.members {
            // `profile` selects the profile in a scenario; it is not a field of the profile.
            if path.components.count <= 1, object.keys.contains("profile"), member.key == "profile" { continue }
            if Self.openKeys.contains(member.key) { continue }
            guard let baseValue = baseObject[member.key] else {
                let keys = baseObject.keys
                issues.append(
                    ScenarioIssue(
                        at: member.keyLocation ?? member.value.location, file: file, path: path.appending(member.key),
                        expected: "a profile field", found: "\"\(member.key)\"", choices: keys,
                        suggestion: NearMiss.suggestion(for: member.key, among: keys)))
                continue
            }
            unknownKeys(
                in: member.value, against: baseValue, path: path.appending(member.key), file: file, issues: &issues)
        }
    }

    /// The issue for a decoding error, located at the value its coding path names.
    static func issue(
        for error: DecodingError, in merged: JSONValue, layers: [(value: JSONValue, path: JSONPath)], file: String
    ) -> ScenarioIssue {
        let (codingPath, expected): ([any CodingKey], String) =
            switch error {
            case .typeMismatch(let type, let c): (c.codingPath, "a value of type \(type)")
            case .valueNotFound(let type, let c): (c.codingPath, "a value of type \(type)")
            case .keyNotFound(let key, let c): (c.codingPath + [key], "the key \(key.stringValue)")
            case .dataCorrupted(let c): (c.codingPath, c.debugDescription)
            @unknown default: ([], "a valid profile")
            }
        var node: JSONValue? = merged
        // The value came from the last layer whose file it is in; start the path there.
        var path = layers.last { Self.node(at: codingPath, in: $0.value) != nil }?.path ?? .root
        for key in codingPath {
            if let i = key.intValue {
                path = path.appending(i)
                node = node?.arrayValue.flatMap { i < $0.count ? $0[i] : nil }
            } else {
                path = path.appending(key.stringValue)
                node = node?[key.stringValue]
            }
        }
        return ScenarioIssue(
            at: node?.location, file: file, path: path, expected: expected, found: node?.foundDescription ?? "nothing")
    }

    static func node(at codingPath: [any CodingKey], in root: JSONValue) -> JSONValue? {
        var node: JSONValue? = root
        for key in codingPath {
            if let i = key.intValue {
                node = node?.arrayValue.flatMap { i < $0.count ? $0[i] : nil }
            } else {
                node = node?[key.stringValue]
            }
        }
        return node
    }
}
