import SimCore

/// The DS1307/DS3231 real-time clock behind `$S1` and `$GT` (open_evse cases `S1`, `GT`).
///
/// The clock runs on the simulation's calendar (the station's ``WallTime`` at its present
/// instant); `$S1` stores how far the client set it from that, which survives reboots as a
/// battery-backed chip does. Without a chip the I²C reads return 0xFF bytes, which the firmware
/// prints as `165 165 165 165 165 85`: clients take that as "no clock".
public struct RAPIRealTimeClock: Hashable, Sendable {
    /// Whether the board has a clock chip.
    public var isPresent: Bool
    /// Seconds the clock runs ahead of the simulation's calendar.
    public var offsetSeconds: Int64 = 0

    /// A clock in step with the simulation's calendar.
    public init(isPresent: Bool = true) {
        self.isPresent = isPresent
    }

    /// The `$GT` reply text: `yy mo dd hh mm ss` in decimal (2-digit year).
    public func replyText(wallTime: WallTime, at now: SimInstant) -> String {
        guard isPresent else { return "165 165 165 165 165 85" }
        let c = WallTime(startEpochSeconds: wallTime.startEpochSeconds + offsetSeconds).components(at: now)
        return "\(c.year - 2000) \(c.month) \(c.day) \(c.hour) \(c.minute) \(c.second)"
    }

    /// `$S1 yy mo dd hh mm ss`: sets the clock (year 2000 + yy); without a chip nothing happens.
    ///
    /// Out-of-range fields are not rejected (the firmware writes them to the chip as given); they
    /// roll over into the next field here.
    public mutating func set(
        year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, wallTime: WallTime, at now: SimInstant
    ) {
        guard isPresent else { return }
        let monthIndex = month - 1
        let y = 2000 + year + monthIndex.floorDivided(by: 12)
        let m = monthIndex.floorModulo(12) + 1
        let days = Self.daysFromCivil(year: y, month: m, day: 1) + day - 1
        let target = Int64(days) * 86_400 + Int64(hour * 3_600 + minute * 60 + second)
        let simCalendar = wallTime.startEpochSeconds + now.nanoseconds.floorDivided(by: 1_000_000_000)
        offsetSeconds = target - simCalendar
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`, public domain).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = y.floorDivided(by: 400)
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}

extension BinaryInteger {
    fileprivate func floorDivided(by divisor: Self) -> Self {
        let q = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
    }

    fileprivate func floorModulo(_ divisor: Self) -> Self {
        self - floorDivided(by: divisor) * divisor
    }
}
