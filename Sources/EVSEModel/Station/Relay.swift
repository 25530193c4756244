/// The main contactor: what the controller commands and what the contacts actually do.
public struct Relay: Hashable, Sendable {
    /// What the controller asks for.
    public var commandedClosed = false
    /// Where the contacts are.
    public var closed = false
    /// Welded contacts stay closed whatever is commanded.
    public var welded = false
    public init() {}
}
