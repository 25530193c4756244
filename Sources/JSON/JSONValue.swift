/// A JSON value together with where it was written.
///
/// Equality and hashing look at the content only, never at the location, so a value parsed
/// from a file compares equal to the same value built in code.
public struct JSONValue: Sendable {
    /// The content of a JSON value.
    public enum Kind: Sendable, Hashable {
        /// `null`.
        case null
        /// `true` or `false`.
        case bool(Bool)
        /// A number, kept as its text.
        case number(JSONNumber)
        /// A string.
        case string(String)
        /// An array.
        case array([JSONValue])
        /// An object, members in the order they were written.
        case object(JSONObject)
    }

    /// The content. A parsed array or object is built from the document's nodes each time it
    /// is read here (its elements and members are views, cheap to make): read it once and keep
    /// it, and prefer ``subscript(_:)`` for one member.
    public var kind: Kind {
        get {
            switch storage {
            case .built(let kind): kind
            case .parsed(let tree, let node): tree.kind(at: node)
            }
        }
        set { storage = .built(newValue) }
    }
    /// Where the value starts (its first character), or `nil` for values built in code.
    public var location: SourceLocation? {
        get { packedLocation.location }
        set { packedLocation = PackedLocation(newValue) }
    }
    /// For strings: the decoded text is exactly the characters between the quotes (no escape
    /// sequences), so a column inside the string maps straight onto a source column.
    var isVerbatimString = false
    /// ``location``, packed: a parsed file holds one per value.
    var packedLocation: PackedLocation

    /// Values built in code hold their content; parsed values are a node of the document they
    /// came from (see ``JSONTree``).
    private enum Storage: Sendable {
        case built(Kind)
        case parsed(JSONTree, Int)
    }
    private var storage: Storage

    /// Creates a value.
    public init(_ kind: Kind, location: SourceLocation? = nil) {
        self.storage = .built(kind)
        self.packedLocation = PackedLocation(location)
    }

    /// A view of node `node` of a parsed document.
    init(tree: JSONTree, node: Int, packedLocation: PackedLocation, verbatim: Bool) {
        self.storage = .parsed(tree, node)
        self.packedLocation = packedLocation
        self.isVerbatimString = verbatim
    }

    /// The node behind a parsed value that has not been changed since.
    private var parsedNode: (tree: JSONTree, node: JSONNode, index: Int)? {
        guard case .parsed(let tree, let index) = storage else { return nil }
        return (tree, tree.nodes[index], index)
    }

    /// The string content, if this is a string.
    public var stringValue: String? {
        // The tag first: reading `kind` of a parsed array or object builds it.
        guard tag == .string, case .string(let s) = kind else { return nil }
        return s
    }

    /// The number, if this is a number.
    public var numberValue: JSONNumber? {
        guard tag == .number, case .number(let n) = kind else { return nil }
        return n
    }

    /// The boolean, if this is `true` or `false`.
    public var boolValue: Bool? {
        guard tag == .bool, case .bool(let b) = kind else { return nil }
        return b
    }

    /// The elements, if this is an array.
    public var arrayValue: [JSONValue]? {
        guard tag == .array, case .array(let a) = kind else { return nil }
        return a
    }

    /// The members, if this is an object.
    public var objectValue: JSONObject? {
        guard tag == .object, case .object(let o) = kind else { return nil }
        return o
    }

    /// Whether this is `null`.
    public var isNull: Bool {
        tag == .null
    }

    /// The member `key`, if this is an object that has it.
    public subscript(key: String) -> JSONValue? {
        if let (tree, node, index) = parsedNode {
            return node.tag == .object ? tree.member(key, ofObjectAt: index) : nil
        }
        return objectValue?[key]
    }

    /// Where the scalar at `offset` (0-based, in Unicode scalars) inside this string sits in the
    /// source: exact when the string has no escape sequences, else the string's own start.
    public func location(ofStringOffset offset: Int) -> SourceLocation? {
        guard let location else { return nil }
        return isVerbatimString ? location.advanced(byColumns: 1 + offset) : location
    }

    /// A short name for the kind of value, for messages: "a string", "an object", ….
    public var kindName: String {
        switch tag {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// The kind of content, without building a parsed array or object.
    var tag: JSONNode.Tag {
        if let (_, node, _) = parsedNode { return node.tag }
        return switch kind {
        case .null: .null
        case .bool: .bool
        case .number: .number
        case .string: .string
        case .array: .array
        case .object: .object
        }
    }

    /// How the value reads after "found" in a message: `10 (number)`, `"10 sec"`, `an object`.
    ///
    /// Long strings are cut to keep one issue on one line.
    public var foundDescription: String {
        if let (_, node, _) = parsedNode, node.tag == .array || node.tag == .object {
            let name = node.tag == .array ? "array" : "object"
            return node.count == 0 ? "an empty \(name)" : "an \(name)"
        }
        switch kind {
        case .null: return "null"
        case .bool(let b): return "\(b) (boolean)"
        case .number(let n): return "\(n.text) (number)"
        case .string(let s): return JSONValue.quoted(s)
        case .array(let a): return a.isEmpty ? "an empty array" : "an array"
        case .object(let o): return o.isEmpty ? "an empty object" : "an object"
        }
    }

    /// `s` in JSON quotes, cut after 60 scalars, for messages.
    public static func quoted(_ s: String) -> String {
        let scalars = s.unicodeScalars
        guard scalars.count > 60 else { return JSONValue(.string(s)).jsonText }
        let head = String(String.UnicodeScalarView(scalars.prefix(57)))
        return String(JSONValue(.string(head)).jsonText.dropLast()) + "…\""
    }
}

extension JSONValue: Hashable {
    /// Content equality; locations are ignored.
    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.kind == b.kind }

    /// Hashes the content only.
    public func hash(into hasher: inout Hasher) { hasher.combine(kind) }
}

extension JSONValue: CustomStringConvertible {
    /// Compact JSON text: no spaces, object members in their order, numbers as written.
    public var jsonText: String { JSONWriter.compact.string(self) }

    /// The compact JSON text.
    public var description: String { jsonText }
}
