/// Why a file is not valid JSON, and where.
///
/// Printed like a compiler diagnostic:
/// `x.json:4:3: $.steps[1]: expected ',' or '}' after object member, found ']'`.
public struct JSONSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where parsing stopped.
    public var location: SourceLocation
    /// The value being read when parsing stopped.
    public var path: JSONPath
    /// What would have been valid there.
    public var expected: String
    /// What was there instead.
    public var found: String

    /// Creates an error.
    public init(location: SourceLocation, path: JSONPath, expected: String, found: String) {
        self.location = location
        self.path = path
        self.expected = expected
        self.found = found
    }

    /// `file:line:column: path: expected …, found …`.
    public var description: String { "\(location): \(path): expected \(expected), found \(found)" }
}
