/// A point on the simulation's virtual clock: nanoseconds since the scenario's start instant.
public struct SimInstant: Hashable, Comparable, Sendable {
    /// Nanoseconds since the start of the run.
    public var nanoseconds: Int64

    /// Creates an instant from nanoseconds since the start.
    @inlinable public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// The start of every run.
    @inlinable public static var zero: SimInstant { SimInstant(nanoseconds: 0) }
    /// Later than any event a run will ever schedule.
    @inlinable public static var distantFuture: SimInstant { SimInstant(nanoseconds: .max) }

    /// The duration since the start of the run.
    public var sinceStart: SimDuration { SimDuration(nanoseconds: nanoseconds) }

    @inlinable public static func < (a: SimInstant, b: SimInstant) -> Bool { a.nanoseconds < b.nanoseconds }
    @inlinable public static func + (t: SimInstant, d: SimDuration) -> SimInstant {
        let (sum, overflow) = t.nanoseconds.addingReportingOverflow(d.nanoseconds)
        return SimInstant(nanoseconds: overflow ? (d.nanoseconds > 0 ? .max : .min) : sum)
    }
    public static func - (t: SimInstant, d: SimDuration) -> SimInstant { t + SimDuration(nanoseconds: -d.nanoseconds) }
    public static func - (a: SimInstant, b: SimInstant) -> SimDuration {
        SimDuration(nanoseconds: a.nanoseconds &- b.nanoseconds)
    }
    public static func += (t: inout SimInstant, d: SimDuration) { t = t + d }
}

extension SimInstant: CustomStringConvertible {
    /// `t+` followed by the offset from the start, e.g. `t+1h2m3s`.
    public var description: String { "t+\(sinceStart)" }
}
