/// A parsed document held flat: one 24-byte node per value (and per object key) in parse order,
/// beside the source bytes the numbers and strings are read from.
///
/// A tree of `JSONValue`s gives every array and object a heap allocation of its own, so a file of
/// tiny containers (`[0],[0],…`, or arrays nested 64 deep) took 30–40 times its size in memory.
/// Held flat, every shape stays within 13× (README, "Limits"). Values handed out are views
/// (this tree and a node number); an array or object is built from its nodes when its ``JSONValue/kind``
/// is read, and member lookup reads the nodes directly.
final class JSONTree: Sendable {
    /// The document's text: numbers, and strings without escapes, are read from here.
    let source: [UInt8]
    /// Decoded strings that had escapes, one after another.
    let text: [UInt8]
    let nodes: JSONNodeStore

    init(source: [UInt8], text: [UInt8], nodes: JSONNodeStore) {
        self.source = source
        self.text = text
        self.nodes = nodes
    }

    /// The value at node `index`, as a view.
    func value(at index: Int) -> JSONValue {
        let node = nodes[index]
        return JSONValue(tree: self, node: index, packedLocation: node.location, verbatim: node.isInSource)
    }

    /// The node after the value at `index` and everything inside it.
    func next(after index: Int) -> Int {
        let node = nodes[index]
        return node.tag == .array || node.tag == .object ? node.start : index + 1
    }

    /// The content of the value at `index`, its elements or members as views.
    func kind(at index: Int) -> JSONValue.Kind {
        let node = nodes[index]
        switch node.tag {
        case .null: return .null
        case .bool: return .bool(node.flags & JSONNode.trueFlag != 0)
        case .number: return .number(JSONNumber(validatedText: string(node)))
        case .string: return .string(string(node))
        case .array:
            var elements: [JSONValue] = []
            elements.reserveCapacity(Int(node.count))
            var child = index + 1
            for _ in 0..<node.count {
                elements.append(value(at: child))
                child = next(after: child)
            }
            return .array(elements)
        case .object:
            var members: [JSONObject.Member] = []
            members.reserveCapacity(Int(node.count))
            var key = index + 1
            for _ in 0..<node.count {
                let keyNode = nodes[key]
                members.append(
                    JSONObject.Member(
                        key: string(keyNode), packedKeyLocation: keyNode.location, value: value(at: key + 1)))
                key = next(after: key + 1)
            }
            return .object(JSONObject(parsed: members, repeatedKeys: node.flags & JSONNode.repeatedKeysFlag != 0))
        }
    }

    /// The value of member `key` of the object at `index` (the last one when a key repeats), read
    /// from the nodes without building the object.
    func member(_ key: String, ofObjectAt index: Int) -> JSONValue? {
        let node = nodes[index]
        let lastWins = node.flags & JSONNode.repeatedKeysFlag != 0
        var found: Int?
        var k = key
        k.withUTF8 { wanted in
            var child = index + 1
            for _ in 0..<node.count {
                if bytesEqual(nodes[child], wanted) {
                    found = child + 1
                    if !lastWins { return }
                }
                child = next(after: child + 1)
            }
        }
        return found.map { value(at: $0) }
    }

    /// Whether the string node `node` holds exactly `bytes`.
    func bytesEqual(_ node: JSONNode, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard Int(node.count) == bytes.count else { return false }
        return withBytes(of: node) { $0.elementsEqual(bytes) }
    }

    /// The text of a string or number node.
    func string(_ node: JSONNode) -> String {
        withBytes(of: node) { String(decoding: $0, as: UTF8.self) }
    }

    func withBytes<R>(of node: JSONNode, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let range = node.start..<node.start + Int(node.count)
        let buffer = node.isInSource ? source : text
        return buffer.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }
}

/// One value of a ``JSONTree``.
struct JSONNode: Sendable {
    enum Tag: UInt8, Sendable { case null, bool, number, string, array, object }

    var location: PackedLocation
    /// Arrays and objects: the node after their last descendant. Strings and numbers: where
    /// their bytes start in the source (or, for strings with escapes, in the decoded text).
    var start: Int
    /// Arrays: elements; objects: members (each a key node followed by its value); strings and
    /// numbers: bytes.
    var count: UInt32
    var tag: Tag
    var flags: UInt8 = 0

    /// A string's bytes are in the source: it had no escapes (and numbers always are).
    static let inSourceFlag: UInt8 = 1
    static let trueFlag: UInt8 = 2
    /// An object with a key written twice (allowed by the nlohmann policy; the last value wins).
    static let repeatedKeysFlag: UInt8 = 4

    var isInSource: Bool { flags & Self.inSourceFlag != 0 }
}

/// The nodes of a ``JSONTree`` in chunks of 4,096, so that a growing document never holds an old
/// and a new copy of all its nodes at once (as an array growing by doubling does).
struct JSONNodeStore: Sendable {
    private static let shift = 12
    private static let chunkSize = 1 << shift
    private var chunks: [[JSONNode]] = []
    private(set) var count = 0

    /// Appends `node` and returns its index.
    mutating func append(_ node: JSONNode) -> Int {
        if count & (Self.chunkSize - 1) == 0, count > 0 || chunks.isEmpty {
            var chunk: [JSONNode] = []
            // The first chunk grows as needed, so that a small payload stays small.
            if count > 0 { chunk.reserveCapacity(Self.chunkSize) }
            chunks.append(chunk)
        }
        chunks[chunks.count - 1].append(node)
        count += 1
        return count - 1
    }

    subscript(index: Int) -> JSONNode {
        get { chunks[index >> Self.shift][index & (Self.chunkSize - 1)] }
        set { chunks[index >> Self.shift][index & (Self.chunkSize - 1)] = newValue }
    }
}
