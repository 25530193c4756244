/// The OCPP module's `charging_schedules` variable: everest-core `types/ocpp.yaml`
/// `ChargingSchedules`, one composite schedule per connector (OCPP 1.6: `evse` 0 is the whole
/// charge point).
public struct ChargingSchedulesReading: Hashable, Sendable {
    /// One `ChargingSchedule`.
    public struct Schedule: Hashable, Sendable {
        /// The connector (`evse`).
        public var evse: Int
        /// `charging_rate_unit`: `A` or `W`.
        public var chargingRateUnit: String
        /// `charging_schedule_period`.
        public var periods: [Period]
        /// `duration` in seconds.
        public var duration: Int?
        /// `start_schedule`, RFC 3339.
        public var startSchedule: String?

        /// Creates a schedule.
        public init(evse: Int, chargingRateUnit: String, periods: [Period], duration: Int?, startSchedule: String?) {
            self.evse = evse
            self.chargingRateUnit = chargingRateUnit
            self.periods = periods
            self.duration = duration
            self.startSchedule = startSchedule
        }
    }

    /// One `ChargingSchedulePeriod` (the fields the OCPP 1.6 module fills).
    public struct Period: Hashable, Sendable {
        /// `start_period` in seconds from the schedule's start.
        public var startPeriod: Int
        /// `limit` in the schedule's unit.
        public var limit: Double
        /// `number_phases`.
        public var numberPhases: Int?
        /// `stack_level`.
        public var stackLevel: Int?

        /// Creates a period.
        public init(startPeriod: Int, limit: Double, numberPhases: Int?, stackLevel: Int?) {
            self.startPeriod = startPeriod
            self.limit = limit
            self.numberPhases = numberPhases
            self.stackLevel = stackLevel
        }
    }

    /// `schedules`.
    public var schedules: [Schedule]

    /// Creates the variable's value.
    public init(schedules: [Schedule]) { self.schedules = schedules }

    /// The same schedules without their start times, which move with every publication: what a
    /// trace records a change of.
    var withoutStartTimes: ChargingSchedulesReading {
        ChargingSchedulesReading(
            schedules: schedules.map {
                var s = $0
                s.startSchedule = nil
                return s
            })
    }
}
