/// The first line of a trace: which scenario ran, with which seed, from when.
public struct TraceHeader: Hashable, Sendable {
    /// The scenario's name.
    public var scenario: String
    /// The scenario file as it was given.
    public var file: String
    /// The seed the run used.
    public var seed: UInt64
    /// The RFC 3339 wall time of `t` = 0.
    public var start: String

    /// A header.
    public init(scenario: String, file: String, seed: UInt64, start: String) {
        self.scenario = scenario
        self.file = file
        self.seed = seed
        self.start = start
    }
}
