/// A position in a source file: 1-based line and column.
///
/// Columns count Unicode scalars, not bytes, so a message about `"°C"` on a line points at the
/// same column an editor shows. A tab counts as one column.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The file the position is in, as the caller named it (usually a path relative to the
    /// working directory, so that terminals and editors can open it).
    public var file: String
    /// The line, starting at 1.
    public var line: Int
    /// The column, starting at 1, counted in Unicode scalars.
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, the form compilers print and editors jump to.
    public var description: String { "\(file):\(line):\(column)" }

    /// The same line, `count` columns further right.
    public func advanced(byColumns count: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column + count)
    }
}
