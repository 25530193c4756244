/// Why a payload is not JSON (as nlohmann's strict parser would see it).
public struct JSONParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Byte offset of the problem in the input.
    public var offset: Int
    /// What was wrong there.
    public var reason: String

    /// Creates an error.
    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }

    /// `at byte 3: invalid literal`.
    public var description: String { "at byte \(offset): \(reason)" }
}
