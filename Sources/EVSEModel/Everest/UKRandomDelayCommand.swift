/// The UK random delay commands: the three payloads EVerest's `cmd/uk_random_delay` understands,
/// and a scenario's `ukRandomDelay` action.
public enum UKRandomDelayCommand: String, Hashable, Sendable, CaseIterable {
    /// Turn the feature on.
    case enable
    /// Turn the feature off.
    case disable
    /// End the running delay now.
    case cancel
}
