/// The three payloads `cmd/uk_random_delay` understands.
public enum UKRandomDelayAction: String, Hashable, Sendable, CaseIterable {
    /// Turn the feature on.
    case enable
    /// Turn the feature off.
    case disable
    /// End the running delay now.
    case cancel
}
