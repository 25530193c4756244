/// The kind of reset EVerest asks for (the system API's `ResetType`).
public enum ResetType: String, Hashable, Sendable, CaseIterable {
    /// After the transaction in progress has ended.
    case soft = "Soft"
    /// At once: the transaction in progress is stopped.
    case hard = "Hard"
    /// Treated as soft, the gentler of the two.
    case notSpecified = "NotSpecified"
}
