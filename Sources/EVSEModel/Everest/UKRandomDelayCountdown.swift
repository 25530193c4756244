import SimCore

/// EvseManager's `uk_random_delay` `countdown` var (everest-core `types/uk_random_delay.yaml`).
///
/// Published on every limit enforcement while the feature is enabled; the legacy API shows
/// it in `session_info.uk_random_delay` only while ``countdownSeconds`` is positive.
public struct UKRandomDelayCountdown: Hashable, Sendable {
    /// Whole seconds left, truncated; 0 when no delay runs.
    public var countdownSeconds: Int
    /// The latest requested limit, which applies once the delay ends.
    public var currentLimitAfterDelayA: Double
    /// The held limit (the limit before the delay started). When no delay runs, the held
    /// limit of the *previous* delay (0 before the first), as EvseManager publishes it.
    public var currentLimitDuringDelayA: Double
    /// When the running delay started; absent when ``countdownSeconds`` is 0.
    public var startTime: SimInstant?

    /// Creates a countdown.
    public init(
        countdownSeconds: Int, currentLimitAfterDelayA: Double, currentLimitDuringDelayA: Double,
        startTime: SimInstant? = nil
    ) {
        self.countdownSeconds = countdownSeconds
        self.currentLimitAfterDelayA = currentLimitAfterDelayA
        self.currentLimitDuringDelayA = currentLimitDuringDelayA
        self.startTime = startTime
    }
}
