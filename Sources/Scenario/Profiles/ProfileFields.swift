import JSON
import SimCore

/// How one kind of profile object (a station, its UK random delay settings, a vehicle, …) is
/// read from JSON: each known key applies its value onto the profile being built.
///
/// A profile is decoded in layers: the built-in defaults, then the profile file, then a
/// scenario's overrides. Each layer sets only the keys it has, so a nested object such as
/// `"ukRandomDelay": {"enabled": true}` changes one setting and keeps the others. Every problem
/// is reported at the value that caused it, in the file and at the JSON path the author wrote.
struct ProfileFields<Profile> {
    /// Applies one member's value to the profile, reporting what is wrong with it.
    typealias Apply = (inout Profile, JSONNode, inout DocumentReader) -> Void

    /// One key and what it sets.
    struct Field {
        var key: String
        var apply: Apply
    }

    /// The known keys, in the order messages list them.
    var fields: [Field]

    /// The keys, for "did you mean" and the list of valid choices.
    var keys: [String] { fields.map(\.key) }

    /// `defaults` with every layer applied in order.
    /// - Throws: ``ScenarioValidationError`` with every unknown key and ill-typed value found.
    func decode(onto defaults: Profile, layers: [JSONNode], file: String) throws(ScenarioValidationError) -> Profile {
        var reader = DocumentReader(file: file)
        var profile = defaults
        for layer in layers { apply(layer, to: &profile, reader: &reader) }
        try reader.check()
        return profile
    }

    /// Applies the members of the object `node`; unknown keys get a "did you mean".
    func apply(_ node: JSONNode, to profile: inout Profile, reader: inout DocumentReader) {
        guard let object = node.value.objectValue else {
            reader.report(node, expected: "an object of profile fields")
            return
        }
        for member in object.members {
            let child = JSONNode(member.value, path: node.path.appending(member.key))
            guard let field = fields.first(where: { $0.key == member.key }) else {
                reader.report(
                    at: member.keyLocation ?? node.location, path: child.path, expected: "a profile field",
                    found: JSONValue.quoted(member.key), choices: keys,
                    suggestion: NearMiss.suggestion(for: member.key, among: keys))
                continue
            }
            field.apply(&profile, child, &reader)
        }
    }
}

// The field kinds profiles use.
extension ProfileFields.Field {
    /// Any string, the empty one included.
    static func string(_ key: String, _ path: WritableKeyPath<Profile, String>) -> Self {
        Self(key: key) { p, node, reader in reader.string(node, allowEmpty: true).map { p[keyPath: path] = $0 } }
    }

    /// A whole number.
    static func integer(_ key: String, _ path: WritableKeyPath<Profile, Int>) -> Self {
        Self(key: key) { p, node, reader in reader.integer(node).map { p[keyPath: path] = Int($0) } }
    }

    /// A whole number, or `null` for none.
    static func optionalInteger(_ key: String, _ path: WritableKeyPath<Profile, Int?>) -> Self {
        Self(key: key) { p, node, reader in
            if node.value.isNull {
                p[keyPath: path] = nil
            } else if let n = reader.integer(node, expected: "a whole number or null") {
                p[keyPath: path] = Int(n)
            }
        }
    }

    /// A number.
    static func number(_ key: String, _ path: WritableKeyPath<Profile, Double>) -> Self {
        Self(key: key) { p, node, reader in reader.number(node).map { p[keyPath: path] = $0 } }
    }

    /// `true` or `false`.
    static func bool(_ key: String, _ path: WritableKeyPath<Profile, Bool>) -> Self {
        Self(key: key) { p, node, reader in reader.bool(node).map { p[keyPath: path] = $0 } }
    }

    /// A duration string such as `"250ms"`.
    static func duration(_ key: String, _ path: WritableKeyPath<Profile, SimDuration>) -> Self {
        Self(key: key) { p, node, reader in reader.duration(node).map { p[keyPath: path] = $0 } }
    }

    /// A nested object whose members are applied one by one.
    static func nested<Nested>(
        _ key: String, _ path: WritableKeyPath<Profile, Nested>, _ nested: ProfileFields<Nested>
    ) -> Self {
        Self(key: key) { p, node, reader in nested.apply(node, to: &p[keyPath: path], reader: &reader) }
    }
}
