/// A composite charging schedule for one connector, as libocpp's enhanced composite schedule
/// carries it: each period also names the phases and the stack level of the profile in force.
public struct OCPPCompositeSchedule: Hashable, Sendable {
    /// One period of the schedule.
    public struct Period: Hashable, Sendable {
        /// Seconds from the schedule's start.
        public var startPeriod: Int
        /// The limit in ``OCPPCompositeSchedule/unit``.
        public var limit: Double
        /// The phases the limit applies to.
        public var numberPhases: Int
        /// The stack level of the profile that sets the limit (0 when none does).
        public var stackLevel: Int
    }

    /// The connector (0: the whole charge point).
    public var connector: Int
    /// `A` or `W`.
    public var unit: String
    /// Seconds the schedule covers.
    public var duration: Int
    /// When it starts, RFC 3339 on the station's calendar.
    public var startSchedule: String
    /// The periods, each where the limit changes.
    public var periods: [Period]
}
