import SimCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// First-order thermal model of the enclosure: it relaxes exponentially toward
/// `ambient + k·I²` with time constant τ.
///
/// Because current is constant between events, temperature has a closed form, and the instant
/// a threshold is crossed can be computed exactly instead of being found by polling.
public struct ThermalModel: Hashable, Sendable {
    /// Temperature at ``since`` (°C).
    public private(set) var celsius: Double
    var since: SimInstant = .zero
    /// Temperature the enclosure tends to under the present load (°C).
    public private(set) var equilibrium: Double
    let tau: Double

    init(ambient: Double, tau: SimDuration) {
        celsius = ambient
        equilibrium = ambient
        self.tau = max(tau.seconds, 1e-3)
    }

    /// Temperature at `t`.
    public func celsius(at t: SimInstant) -> Double {
        let dt = (t - since).seconds
        guard dt > 0 else { return celsius }
        return equilibrium + (celsius - equilibrium) * exp(-dt / tau)
    }

    /// Moves to `t` and sets a new equilibrium (after a change of current or ambient).
    mutating func update(at t: SimInstant, equilibrium newEq: Double) {
        celsius = celsius(at: t)
        since = t
        equilibrium = newEq
    }

    /// Sets the temperature outright (a scenario forcing a reading).
    mutating func force(_ value: Double, at t: SimInstant) {
        celsius = value
        since = t
    }

    /// The first instant after `t` at which the temperature reaches `level`, if it ever does.
    public func crossing(of level: Double, after t: SimInstant) -> SimInstant? {
        let now = celsius(at: t)
        let from = now - equilibrium
        let to = level - equilibrium
        // Reached only if level lies strictly between the present value and the equilibrium.
        guard from != 0, to / from > 0, to / from < 1 else { return nil }
        let dt = -tau * log(to / from)
        return t + SimDuration(seconds: dt) + .nanoseconds(1)
    }
}
