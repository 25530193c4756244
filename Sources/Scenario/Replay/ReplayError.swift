/// A trace could not be replayed or converted: what is wrong with it and what to do.
public struct ReplayError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The trace file, as the caller named it.
    public var file: String
    /// Where in the file (1-based line), or nil for the file as a whole.
    public var line: Int?
    /// What is wrong, ending with what to do about it.
    public var message: String

    /// Creates an error.
    public init(file: String, line: Int? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`.
    public var description: String { file + (line.map { ":\($0)" } ?? "") + ": " + message }
}
