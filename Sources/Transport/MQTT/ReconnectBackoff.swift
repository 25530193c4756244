/// Exponential back-off between connection attempts: `initial`, ×`multiplier` per failure, up
/// to `maximum`, back to `initial` after a success.
public struct ReconnectBackoff: Hashable, Sendable {
    /// The first delay.
    public var initial: Duration
    /// The longest delay.
    public var maximum: Duration
    /// Growth per consecutive failure.
    public var multiplier: Int
    private var current: Duration?

    /// Creates a back-off policy.
    public init(initial: Duration = .milliseconds(250), maximum: Duration = .seconds(30), multiplier: Int = 2) {
        precondition(initial > .zero && maximum >= initial && multiplier >= 1, "invalid back-off")
        self.initial = initial
        self.maximum = maximum
        self.multiplier = multiplier
    }

    /// The delay before the next attempt; each call after a failure grows it.
    public mutating func nextDelay() -> Duration {
        let delay = current.map { min($0 * multiplier, maximum) } ?? initial
        current = delay
        return delay
    }

    /// Starts again from ``initial`` (after a successful connection).
    public mutating func reset() { current = nil }
}
