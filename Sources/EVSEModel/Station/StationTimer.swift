/// The station's internal timers. Each kind is armed at most once at a time: arming it again
/// replaces the pending one, which is how the model cancels a timer whose reason went away.
enum StationTimer: Hashable, Sendable {
    /// Pilot debounce (250 ms; 25 ms toward A).
    case debounce
    /// In a fault the pilot is no longer evaluated: its state decays to unknown after 250 ms.
    case pilotDecay
    /// The EV reacts to what it reads on the pilot.
    case vehicleResponse
    /// Relay contacts reach the commanded position.
    case relayMove
    /// GFI self-test before closing the relay.
    case gfiSelfTest
    /// Next step of the EV's current ramp.
    case ramp
    /// The battery reaches a curve breakpoint or the target SoC.
    case battery
    /// The enclosure temperature crosses a threshold.
    case thermal
    /// A GFI / no-ground fault is retried.
    case faultRetry
    /// Ground check, one second after the relay closed.
    case groundCheck
    /// Welded relay detected one second after opening was commanded.
    case stuckRelayCheck
    /// Heartbeat supervision interval expired.
    case heartbeat
    /// Over-current persisted for 10 s.
    case overCurrent
    /// A blocking fault shutdown (over-temperature 5 s, over-current 1 s) completes.
    case faultShutdown
    /// The UK random delay ends.
    case randomDelay
    /// Power-on self test completes (`$AB`).
    case boot
    /// `$FR`: the watchdog resets the controller.
    case reboot
    /// A timed power cut ends.
    case powerRestore
    /// The next step of a firmware update.
    case firmware
    /// A log upload ends.
    case logUpload
    /// The Auth module stops waiting for a token (its `connection_timeout`).
    case authTimeout
}
