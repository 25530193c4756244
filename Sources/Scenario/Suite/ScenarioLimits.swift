import SimCore

/// Bounds on what one scenario file may ask for, so a runaway or hostile file is refused with a
/// clear message instead of taking gigabytes or hours (README "Limits"). Each has an option
/// that raises it: `--max-file-size`, `--max-steps`, `--max-span`, `--max-values`.
public struct ScenarioLimits: Hashable, Sendable {
    /// Largest file read, in bytes (default 16 MiB; the library's largest is a few KiB).
    public var fileBytes: Int
    /// Most steps in one scenario (default 100,000).
    public var steps: Int
    /// Latest end of the run as written (`until`, after the steps' `at` times): default 31 days.
    public var span: SimDuration
    /// Most JSON values (scalars, arrays, objects) in one file (default 2,000,000): keeps a
    /// file of millions of tiny values from taking more than 20 times its size in memory.
    public var values: Int

    /// The defaults.
    public static let standard = ScenarioLimits()

    /// Creates limits; the defaults suit every scenario a person writes by hand.
    public init(
        fileBytes: Int = 16 << 20, steps: Int = 100_000, span: SimDuration = .seconds(31 * 86_400),
        values: Int = 2_000_000
    ) {
        self.fileBytes = fileBytes
        self.steps = steps
        self.span = span
        self.values = values
    }

    /// The issue for a file of `size` bytes over ``fileBytes``, or nil when it is within it.
    public func fileSizeIssue(size: Int, file: String) -> ScenarioIssue? {
        guard size > fileBytes else { return nil }
        return ScenarioIssue(
            file: file, path: .root, line: 0, column: 0,
            expected: "a file of at most \(fileBytes) bytes (raise the limit with --max-file-size)",
            found: "\(size) bytes")
    }
}
