/// The members of a JSON object, in the order they were written, each key at most once.
///
/// Order is kept so that messages list keys as the author wrote them and re-serialised
/// payloads look like the original. Equality ignores order, as JSON does.
public struct JSONObject: Sendable {
    /// One `"key": value` pair.
    public struct Member: Sendable {
        /// The key.
        public var key: String
        /// Where the key's opening quote is, or `nil` for members built in code.
        public var keyLocation: SourceLocation? {
            get { packedKeyLocation.location }
            set { packedKeyLocation = PackedLocation(newValue) }
        }
        /// The value.
        public var value: JSONValue
        var packedKeyLocation: PackedLocation

        /// Creates a member.
        public init(key: String, keyLocation: SourceLocation? = nil, value: JSONValue) {
            self.key = key
            self.packedKeyLocation = PackedLocation(keyLocation)
            self.value = value
        }

        /// Creates a parsed member.
        init(key: String, packedKeyLocation: PackedLocation, value: JSONValue) {
            self.key = key
            self.packedKeyLocation = packedKeyLocation
            self.value = value
        }
    }

    /// The members in order.
    public private(set) var members: [Member] = []
    /// Positions by key, built only once an object outgrows a linear search, so the many small
    /// objects of MQTT payloads cost no hashing while a hostile payload with thousands of keys
    /// still parses in linear time.
    private var indexByKey: [String: Int]?
    private static let linearSearchLimit = 16

    /// An empty object.
    public init() {}

    /// The members of a parsed object, in order; with `repeatedKeys`, a repeated key keeps its
    /// first place and its last value, as ``set(_:)`` does.
    init(parsed: [Member], repeatedKeys: Bool) {
        guard !repeatedKeys else {
            for member in parsed { set(member) }
            return
        }
        members = parsed
        if members.count > Self.linearSearchLimit { rebuildIndex() }
    }

    /// The keys in order.
    public var keys: [String] { members.map(\.key) }

    /// The number of members.
    public var count: Int { members.count }

    /// Whether the object has no members.
    public var isEmpty: Bool { members.isEmpty }

    /// The member with `key`, if present.
    public func member(_ key: String) -> Member? {
        position(of: key).map { members[$0] }
    }

    /// The value for `key`. Setting a new key appends it; setting `nil` removes it.
    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { members[$0].value } }
        set {
            if let newValue { set(Member(key: key, value: newValue)) } else { remove(key) }
        }
    }

    /// Inserts `member`, or replaces the member with the same key where it stands.
    public mutating func set(_ member: Member) {
        if let i = position(of: member.key) {
            members[i] = member
            return
        }
        members.append(member)
        if indexByKey != nil {
            indexByKey?[member.key] = members.count - 1
        } else if members.count > Self.linearSearchLimit {
            rebuildIndex()
        }
    }

    /// Removes the member with `key`, if any.
    public mutating func remove(_ key: String) {
        guard let i = position(of: key) else { return }
        members.remove(at: i)
        if indexByKey != nil { rebuildIndex() }
    }

    private func position(of key: String) -> Int? {
        if let indexByKey { return indexByKey[key] }
        return members.firstIndex { $0.key == key }
    }

    private mutating func rebuildIndex() {
        var index: [String: Int] = [:]
        for (i, member) in members.enumerated() { index[member.key] = i }
        indexByKey = index
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// An object with the members in the order written; a repeated key keeps its last value.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        for (key, value) in elements { self[key] = value }
    }
}

extension JSONObject: Hashable {
    /// Same keys with equal values, in any order.
    public static func == (a: JSONObject, b: JSONObject) -> Bool {
        guard a.count == b.count else { return false }
        return a.members.allSatisfy { b[$0.key] == $0.value }
    }

    /// Hashes the members in key order, so that member order does not matter.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for member in members.sorted(by: { $0.key < $1.key }) {
            hasher.combine(member.key)
            hasher.combine(member.value)
        }
    }
}
