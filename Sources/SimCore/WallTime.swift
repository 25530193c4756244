/// Converts sim instants to calendar strings on the wire, from the scenario's start instant.
///
/// The start is an RFC 3339 UTC time (seconds since the Unix epoch, integral). No time zone
/// database is consulted: the wire formats we produce are all UTC.
public struct WallTime: Hashable, Sendable {
    /// Seconds since 1970-01-01T00:00:00Z at sim instant zero.
    public var startEpochSeconds: Int64

    public init(startEpochSeconds: Int64) { self.startEpochSeconds = startEpochSeconds }

    /// 2026-01-01T00:00:00Z, the default start of a scenario.
    public static let defaultStart = WallTime(startEpochSeconds: 1_767_225_600)

    /// Parses `YYYY-MM-DDTHH:MM:SSZ` (optionally with fractional seconds, which are dropped,
    /// or a `+HH:MM` offset).
    public init?(rfc3339 text: String) {
        let b = Array(text.utf8)
        func num(_ r: Range<Int>) -> Int? {
            guard r.upperBound <= b.count else { return nil }
            var v = 0
            for i in r {
                guard b[i] >= 48, b[i] <= 57 else { return nil }
                v = v * 10 + Int(b[i] - 48)
            }
            return v
        }
        guard b.count >= 20, b[4] == 45, b[7] == 45, b[10] == 84 || b[10] == 116, b[13] == 58, b[16] == 58,
            let y = num(0..<4), let mo = num(5..<7), let d = num(8..<10), let h = num(11..<13),
            let mi = num(14..<16), let s = num(17..<19), (1...12).contains(mo), (1...31).contains(d),
            h < 24, mi < 60, s < 61
        else { return nil }
        var i = 19
        if i < b.count, b[i] == 46 {  // fractional seconds
            i += 1
            while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 }
        }
        var offset = 0
        if i < b.count, b[i] == 90 || b[i] == 122 {
            i += 1
        } else if i + 6 <= b.count, b[i] == 43 || b[i] == 45, let oh = num(i + 1..<i + 3), b[i + 3] == 58,
            let om = num(i + 4..<i + 6)
        {
            offset = (oh * 3600 + om * 60) * (b[i] == 45 ? -1 : 1)
            i += 6
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        let days = WallTime.daysFromCivil(y, mo, d)
        startEpochSeconds = Int64(days) * 86_400 + Int64(h * 3600 + mi * 60 + s - offset)
    }

    /// Calendar fields (UTC) at sim instant `t`.
    public func components(at t: SimInstant) -> (
        year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int
    ) {
        let totalMs = startEpochSeconds * 1000 + t.nanoseconds / 1_000_000
        let secs = totalMs >= 0 ? totalMs / 1000 : (totalMs - 999) / 1000
        let ms = Int(totalMs - secs * 1000)
        let days = secs >= 0 ? secs / 86_400 : (secs - 86_399) / 86_400
        let rem = Int(secs - days * 86_400)
        let (y, m, d) = WallTime.civilFromDays(Int(days))
        return (y, m, d, rem / 3600, rem / 60 % 60, rem % 60, ms)
    }

    /// RFC 3339 with milliseconds and `Z`, as EVerest prints it: `2026-05-06T09:51:28.123Z`.
    public func rfc3339(at t: SimInstant, milliseconds: Bool = true) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(24)
        appendRFC3339(at: t, milliseconds: milliseconds, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// ``rfc3339(at:milliseconds:)`` appended to `out`, without building strings (payloads
    /// print a timestamp every second).
    public func appendRFC3339(at t: SimInstant, milliseconds: Bool = true, to out: inout [UInt8]) {
        let c = components(at: t)
        guard (0...9999).contains(c.year) else {
            out.append(contentsOf: rfc3339ByStrings(at: t, milliseconds: milliseconds).utf8)
            return
        }
        // Put together on the stack and appended at once: twenty appends, each checking the
        // buffer's uniqueness and capacity, cost more than the arithmetic (three timestamps a
        // second in every traced publication set).
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buf in
            var i = 0
            func digits(_ v: Int, _ width: Int) {
                var v = v
                var k = i + width
                while k > i {
                    k -= 1
                    buf[k] = UInt8(ascii: "0") + UInt8(v % 10)
                    v /= 10
                }
                i += width
            }
            func put(_ byte: UInt8) {
                buf[i] = byte
                i += 1
            }
            digits(c.year, 4)
            put(UInt8(ascii: "-"))
            digits(c.month, 2)
            put(UInt8(ascii: "-"))
            digits(c.day, 2)
            put(UInt8(ascii: "T"))
            digits(c.hour, 2)
            put(UInt8(ascii: ":"))
            digits(c.minute, 2)
            put(UInt8(ascii: ":"))
            digits(c.second, 2)
            if milliseconds {
                put(UInt8(ascii: "."))
                digits(c.millisecond, 3)
            }
            put(UInt8(ascii: "Z"))
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[..<i]))
        }
    }

    /// The reference ``appendRFC3339(at:milliseconds:to:)`` is tested against, and the printing
    /// of years outside 0…9999.
    func rfc3339ByStrings(at t: SimInstant, milliseconds: Bool = true) -> String {
        let c = components(at: t)
        let base =
            "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))T\(pad(c.hour, 2)):\(pad(c.minute, 2)):\(pad(c.second, 2))"
        return milliseconds ? base + ".\(pad(c.millisecond, 3))Z" : base + "Z"
    }

    private func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    // Howard Hinnant's civil-date algorithms (public domain).
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}
