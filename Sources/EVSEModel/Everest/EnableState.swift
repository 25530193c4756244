/// What one source asks for (EVerest `Enable_state`).
///
/// `unassigned` means "this source does not care"; such rows are ignored by the evaluation.
public enum EnableState: String, Hashable, Sendable, CaseIterable, Codable {
    /// The source wants the EVSE available.
    case enable = "Enable"
    /// The source wants the EVSE unavailable.
    case disable = "Disable"
    /// The source does not care; the row is ignored.
    case unassigned = "Unassigned"
}
