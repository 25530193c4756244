/// How fast simulated time runs relative to the wall clock.
public enum Pacing: Hashable, Sendable, CustomStringConvertible {
    /// As fast as the CPU allows: never wait.
    case maximum
    /// Sim time advances `factor` times as fast as wall time (1 = real time).
    case scaled(Double)

    /// Reads `max`, `realtime`, `x10`, `10x` or `10`.
    public init?(parsing text: String) {
        let t = text.lowercased()
        switch t {
        case "max", "fast", "maximum": self = .maximum
        case "realtime", "real-time", "rt": self = .scaled(1)
        default:
            var digits = Substring(t)
            if digits.hasPrefix("x") || digits.hasPrefix("×") { digits = digits.dropFirst() }
            if digits.hasSuffix("x") { digits = digits.dropLast() }
            guard let f = Double(digits), f.isFinite, f > 0 else { return nil }
            self = .scaled(f)
        }
    }

    public var description: String {
        switch self {
        case .maximum: "max"
        case .scaled(1): "realtime"
        case .scaled(let f): "x\(f == f.rounded() ? String(Int(f)) : String(f))"
        }
    }
}

/// Maps simulated instants to wall-clock deadlines from one fixed anchor.
///
/// Deadlines are computed as `wallAnchor + (t - simAnchor) / factor`, never by accumulating
/// sleeps, so pacing does not drift however long a run lasts. This is I/O-edge code: the model
/// never sees it.
public struct Pacer: Sendable {
    public let pacing: Pacing
    private var wallAnchor: ContinuousClock.Instant
    private var simAnchor: SimInstant
    /// The largest lag observed between a deadline and the moment its event ran.
    public private(set) var maxLag: Duration = .zero

    /// Anchors `simNow` to the current wall instant.
    public init(pacing: Pacing, simNow: SimInstant, wallNow: ContinuousClock.Instant = .now) {
        self.pacing = pacing
        self.wallAnchor = wallNow
        self.simAnchor = simNow
    }

    /// The wall instant at which sim time `t` is due, or nil in maximum mode.
    public func deadline(for t: SimInstant) -> ContinuousClock.Instant? {
        guard case .scaled(let factor) = pacing else { return nil }
        // Clamp to ±100 years of wall time: a far target or an extreme factor must not overflow.
        let simNs = (Double((t - simAnchor).nanoseconds) / factor).rounded()
        let limit = 3.15e18
        return wallAnchor + .nanoseconds(Int64(min(max(simNs, -limit), limit)))
    }

    /// The sim instant corresponding to wall instant `w` (for stamping external input).
    public func simInstant(at w: ContinuousClock.Instant) -> SimInstant {
        guard case .scaled(let factor) = pacing else { return simAnchor }
        let wallNs = (w - wallAnchor).nanosecondsRounded
        let simNs = (Double(wallNs) * factor).rounded()
        return simAnchor + .nanoseconds(Int64(min(max(simNs, -3.15e18), 3.15e18)))
    }

    /// Records that the event due at `t` ran at `w`; returns the lag (zero if early or in max mode).
    @discardableResult
    public mutating func noteRan(_ t: SimInstant, at w: ContinuousClock.Instant) -> Duration {
        guard let d = deadline(for: t), w > d else { return .zero }
        let lag = w - d
        if lag > maxLag { maxLag = lag }
        return lag
    }
}

extension Duration {
    /// The duration in seconds as a Double (for reports, never for simulated time).
    public var secondsDouble: Double {
        let (s, a) = components
        return Double(s) + Double(a) / 1e18
    }

    /// The duration in whole nanoseconds (saturating).
    public var nanosecondsRounded: Int64 {
        let (s, a) = components
        return s.multipliedReportingOverflow(by: 1_000_000_000).overflow
            ? (s > 0 ? .max : .min)
            : s * 1_000_000_000 + a / 1_000_000_000
    }
}

/// `x` rounded to thousandths and printed with exactly three decimals (`0.013`, `12.500`), for
/// wall times in reports.
public func threeDecimals(_ x: Double) -> String {
    let ms = Int((x * 1000).rounded())
    let sign = ms < 0 ? "-" : ""
    let m = abs(ms)
    let frac = String(m % 1000)
    return sign + "\(m / 1000)." + String(repeating: "0", count: 3 - frac.count) + frac
}
