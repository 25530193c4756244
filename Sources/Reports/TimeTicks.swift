/// Tick positions and labels for a time axis in simulated seconds: round durations (10 s,
/// 1 min, 15 min, 1 h, 6 h, 1 d, …) so a week reads in days and a minute in seconds.
public enum TimeTicks {
    static let steps: [Double] = [
        1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800,
    ]

    /// Tick times from 0 to `end` seconds, at most about `count` of them.
    public static func ticks(end: Double, count: Int = 8) -> [Double] {
        let step = steps.first { end / $0 <= Double(count) } ?? (end / Double(count)).rounded(.up)
        var out: [Double] = []
        var t = 0.0
        while t <= end + 1e-9 {
            out.append(t)
            t += step
        }
        return out
    }

    /// A short label: `0`, `45s`, `10m`, `1h30m`, `2d6h`.
    public static func label(_ seconds: Double) -> String {
        var s = Int64(seconds.rounded())
        guard s > 0 else { return "0" }
        var out = ""
        for (unit, size) in [("d", Int64(86400)), ("h", 3600), ("m", 60), ("s", 1)] where s >= size {
            out += "\(s / size)\(unit)"
            s %= size
        }
        return out
    }
}
