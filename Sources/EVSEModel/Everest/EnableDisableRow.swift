/// One row of the enable/disable table (EVerest `EnableDisableSource`): a source, its wish and
/// the priority of that wish (0 is the highest, 10000 the lowest).
public struct EnableDisableRow: Hashable, Sendable, Codable {
    /// Who asked.
    public var source: EnableDisableSource
    /// What it asked for.
    public var state: EnableState
    /// Lower numbers win. EvseManager does no range check, so any `Int32` can arrive.
    public var priority: Int

    /// Creates a row.
    public init(source: EnableDisableSource, state: EnableState, priority: Int) {
        self.source = source
        self.state = state
        self.priority = priority
    }

    /// The priority of the start-up row and of the "nobody decided" winner.
    public static let lowestPriority = 10_000

    /// What the evaluation reports when no row is assigned: Unspecified, Unassigned, 10000.
    public static let nobody = EnableDisableRow(source: .unspecified, state: .unassigned, priority: lowestPriority)
}

extension EnableDisableRow: CustomStringConvertible {
    /// `LocalAPI/Disable/100`.
    public var description: String { "\(source.rawValue)/\(state.rawValue)/\(priority)" }
}
