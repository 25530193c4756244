import JSON

/// A value together with its path in the document, the unit the reader works on.
public struct JSONNode: Sendable {
    /// The value.
    public var value: JSONValue
    /// Where the value is in the document.
    public var path: JSONPath

    /// Creates a node; a whole document is the node at `$`.
    public init(_ value: JSONValue, path: JSONPath = .root) {
        self.value = value
        self.path = path
    }

    /// Where the value starts in its file.
    public var location: SourceLocation? { value.location }

    /// The elements of an array as nodes, or `nil` for other values.
    public var elements: [JSONNode]? {
        value.arrayValue?.enumerated().map { JSONNode($0.element, path: path.appending($0.offset)) }
    }
}

/// The members of an object as nodes, after the reader has checked its keys.
public struct ObjectFields: Sendable {
    /// The object itself.
    public var node: JSONNode
    /// Its members.
    public var object: JSONObject

    /// Creates fields for an object node.
    public init(node: JSONNode, object: JSONObject) {
        self.node = node
        self.object = object
    }

    /// The member `key` as a node, if present.
    public subscript(key: String) -> JSONNode? {
        object[key].map { JSONNode($0, path: node.path.appending(key)) }
    }

    /// Whether the member `key` is present.
    public func contains(_ key: String) -> Bool { object.member(key) != nil }

    /// The keys in document order.
    public var keys: [String] { object.keys }
}
