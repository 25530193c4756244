/// The delay timer of `$ST`/`$GD` (open_evse case `ST`, `DelayTimer::CheckTime()`): a daily charging window.
///
/// The face stores it (it survives reboots, like the EEPROM copy) and reports it; the window
/// does not put the station to sleep or wake it.
public struct RAPIDelayTimer: Hashable, Sendable {
    /// Start of the window, hour and minute.
    public var startHour: UInt8 = 0
    /// Start of the window, minute.
    public var startMinute: UInt8 = 0
    /// End of the window, hour.
    public var endHour: UInt8 = 0
    /// End of the window, minute.
    public var endMinute: UInt8 = 0

    /// A disabled timer (all four values zero).
    public init() {}

    /// A timer with the given window; all zeros disables it.
    public init(startHour: UInt8, startMinute: UInt8, endHour: UInt8, endMinute: UInt8) {
        self.startHour = startHour
        self.startMinute = startMinute
        self.endHour = endHour
        self.endMinute = endMinute
    }

    /// Whether the timer is on: any value non-zero (ECVF_TIMER_ON).
    public var isEnabled: Bool { startHour != 0 || startMinute != 0 || endHour != 0 || endMinute != 0 }

    /// The `$GD` reply text, `sh sm eh em` in decimal.
    public var replyText: String { "\(startHour) \(startMinute) \(endHour) \(endMinute)" }
}
