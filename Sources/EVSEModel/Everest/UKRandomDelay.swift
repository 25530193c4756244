import SimCore

/// The UK Smart Charge Points Regulations random delay, as EvseManager implements it
/// (everest-core `energyImpl::handle_enforce_limits()`, `random_delay_needed()`).
///
/// A pure state machine: the station calls ``enforce(requestedLimitA:at:chargerPhase:timeSinceReady:)``
/// wherever EvseManager runs `enforce_limits` (the energy manager tick, ≈1 Hz, plus priority
/// requests) and applies the returned limit. When a change of the requested limit starts a
/// delay, the previous limit is held for `rand() % maxDuration` whole seconds. The end instant
/// is exposed (``endsAt``) so the station can schedule an enforcement exactly then instead of
/// polling.
///
/// Quirk kept on purpose (`handle_enforce_limits()`): the enforcement that finds the delay elapsed still
/// applies the *held* limit and only clears the running flag; the new limit applies from the
/// next enforcement. Calling `enforce` a second time at the same instant applies it at once.
public struct UKRandomDelay: Sendable {
    /// Start-up settings (EvseManager config keys `uk_smartcharging_random_delay_*`).
    public struct Configuration: Hashable, Sendable {
        /// Start-up value of the enabled flag (`…_enable`, default false).
        public var enabled: Bool
        /// Start-up maximum delay in seconds (`…_max_duration`, default 600).
        public var maxDurationSeconds: Int
        /// `…_at_any_change` (default true): any change of at least 0.1 A starts a delay;
        /// false: only a change from ≈0 to above 0.1 A or back.
        public var atAnyChange: Bool
        /// How long after EvseManager became ready an EV-attached state counts as "start-up
        /// with EV attached" (5 s in EvseManager).
        public var startupWindow: SimDuration

        /// Creates a configuration; the defaults are EvseManager's.
        public init(
            enabled: Bool = false, maxDurationSeconds: Int = 600, atAnyChange: Bool = true,
            startupWindow: SimDuration = .seconds(5)
        ) {
            self.enabled = enabled
            self.maxDurationSeconds = maxDurationSeconds
            self.atAnyChange = atAnyChange
            self.startupWindow = startupWindow
        }
    }

    /// The EvseManager charger states that matter to the delay.
    public enum ChargerPhase: Hashable, Sendable {
        /// Plugged in, waiting for authorization.
        case waitingForAuthentication
        /// PWM on, waiting for the EV.
        case prepareCharging
        /// Charging.
        case charging
        /// Any other state (Idle, Disabled, paused, finished, …): a running delay is dropped.
        case other

        /// The three states in which a delay may run.
        public var allowsDelay: Bool { self != .other }
    }

    /// What one enforcement decided.
    public struct Decision: Hashable, Sendable {
        /// The limit the charger must apply now: the held limit during a delay, else the
        /// requested one.
        public var appliedLimitA: Double
        /// The countdown EvseManager publishes on this enforcement; nil while the feature is
        /// disabled (nothing is published then).
        public var countdown: UKRandomDelayCountdown?
        /// The length drawn, when this enforcement started a new delay.
        public var startedDelay: SimDuration?
    }

    /// Whether the feature is on.
    public private(set) var isEnabled: Bool
    /// The maximum delay in seconds, as last set (may be 0 or negative: see ``setMaxDuration(seconds:)``).
    public private(set) var maxDurationSeconds: Int
    /// `at_any_change` (see ``Configuration/atAnyChange``).
    public var atAnyChange: Bool
    /// See ``Configuration/startupWindow``.
    public var startupWindow: SimDuration
    /// When the running delay started; nil when none runs.
    public private(set) var startedAt: SimInstant?
    /// When the running delay ends; nil when none runs. Schedule an enforcement at this
    /// instant to end the delay on time. (An enforcement in the last second before it ends
    /// the delay too: EvseManager truncates the seconds left, and 0 means elapsed.)
    public private(set) var endsAt: SimInstant?
    /// The held limit of the running (or last) delay (`limit_when_random_delay_started`).
    public private(set) var heldLimitA: Double = 0
    /// The previous requested limit (`last_enforced_limit`), updated on every enforcement,
    /// enabled or not.
    public private(set) var lastRequestedLimitA: Double = 0
    private var random: RandomStream

    /// Creates the delay with its own random stream (derive it from the station's seed).
    public init(configuration: Configuration = Configuration(), random: RandomStream) {
        isEnabled = configuration.enabled
        maxDurationSeconds = configuration.maxDurationSeconds
        atAnyChange = configuration.atAnyChange
        startupWindow = configuration.startupWindow
        self.random = random
    }

    /// Whether a delay is running.
    public var isRunning: Bool { endsAt != nil }

    /// `uk_random_delay` `enable`: the feature is on, any running delay is dropped.
    public mutating func enable() {
        isEnabled = true
        stop()
    }

    /// `uk_random_delay` `disable`: the feature is off, any running delay is dropped.
    public mutating func disable() {
        isEnabled = false
        stop()
    }

    /// `uk_random_delay` `cancel`: as if the running delay expired now. The next delay is
    /// not affected.
    public mutating func cancel() { stop() }

    /// `set_duration_s`. No validation, like EvseManager: a negative value behaves like its
    /// magnitude (C++ `%` with a negative divisor) and 0 disables delays (EvseManager would
    /// divide by zero and crash on the next delay: `std::rand() %` in `handle_enforce_limits()`).
    public mutating func setMaxDuration(seconds: Int) { maxDurationSeconds = seconds }

    /// One `enforce_limits` run (`energyImpl::handle_enforce_limits()`).
    ///
    /// - Parameters:
    ///   - requestedLimitA: L_new, the limit the energy manager grants now (A; already reduced
    ///     by any watt limit).
    ///   - now: the current instant.
    ///   - chargerPhase: the EvseManager state category.
    ///   - timeSinceReady: time since EvseManager became ready, for the "start-up with EV
    ///     attached" rule (a power cut or reboot while an EV is plugged in).
    public mutating func enforce(
        requestedLimitA: Double, at now: SimInstant, chargerPhase: ChargerPhase, timeSinceReady: SimDuration
    ) -> Decision {
        defer { lastRequestedLimitA = requestedLimitA }
        guard isEnabled else { return Decision(appliedLimitA: requestedLimitA, countdown: nil, startedDelay: nil) }
        // EvseManager looks at the state only to drop a running delay: a change in any other
        // state (Idle, say) still starts one, which then holds the old limit for this one run
        // and is dropped on the next.
        if !chargerPhase.allowsDelay { stop() }

        var started: SimDuration?
        if !isRunning,
            delayNeeded(newLimitA: requestedLimitA, chargerPhase: chargerPhase, timeSinceReady: timeSinceReady),
            let length = drawDelay()
        {
            startedAt = now
            endsAt = now + length
            heldLimitA = lastRequestedLimitA
            started = length
        }

        guard let end = endsAt else {
            let countdown = UKRandomDelayCountdown(
                countdownSeconds: 0, currentLimitAfterDelayA: requestedLimitA, currentLimitDuringDelayA: heldLimitA)
            return Decision(appliedLimitA: requestedLimitA, countdown: countdown, startedDelay: started)
        }
        // duration_cast<seconds> truncates toward zero.
        let secondsLeft = Int((end - now).wholeSeconds)
        var countdown = UKRandomDelayCountdown(
            countdownSeconds: 0, currentLimitAfterDelayA: requestedLimitA, currentLimitDuringDelayA: heldLimitA)
        if secondsLeft <= 0 {
            // Elapsed: the held limit still applies on this run (`handle_enforce_limits()`).
            stop()
        } else {
            countdown.countdownSeconds = secondsLeft
            countdown.startTime = startedAt
        }
        return Decision(appliedLimitA: heldLimitA, countdown: countdown, startedDelay: started)
    }

    /// EvseManager's `random_delay_needed`. Its start-up branch also forces L_last to 0, so
    /// the held limit after a power cut is 0 A.
    private mutating func delayNeeded(newLimitA: Double, chargerPhase: ChargerPhase, timeSinceReady: SimDuration)
        -> Bool
    {
        let last = lastRequestedLimitA
        if atAnyChange {
            if !Self.almostEqual(last, newLimitA) { return true }
        } else if (Self.almostEqual(last, 0) && newLimitA > 0.1) || (last > 0.1 && Self.almostEqual(newLimitA, 0)) {
            return true
        }
        if chargerPhase.allowsDelay && timeSinceReady < startupWindow {
            lastRequestedLimitA = 0
            return true
        }
        return false
    }

    /// `rand() % max` whole seconds: a 31-bit draw like glibc's `rand()` (RAND_MAX = 2³¹−1),
    /// reduced modulo the magnitude of the maximum. Nil for a maximum of 0 (no delay).
    private mutating func drawDelay() -> SimDuration? {
        let divisor = UInt64(maxDurationSeconds.magnitude)
        guard divisor > 0 else { return nil }
        let draw = random.next() >> 33
        return .seconds(Int64(draw % divisor))
    }

    private mutating func stop() {
        startedAt = nil
        endsAt = nil
    }

    /// EvseManager's `almost_eq`: strictly within 0.1 A.
    static func almostEqual(_ a: Double, _ b: Double) -> Bool { a > b - 0.1 && a < b + 0.1 }
}
