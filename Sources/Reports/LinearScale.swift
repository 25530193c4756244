/// Maps a domain of values onto a range of pixels, and picks round tick values for it.
public struct LinearScale: Sendable {
    /// The values at the two ends.
    public var domain: (lower: Double, upper: Double)
    /// The pixels the two ends map to (the upper end may be the smaller pixel, as on a y axis).
    public var range: (lower: Double, upper: Double)

    /// A scale; an empty domain is widened by one on each side so every value has a place.
    public init(domain: (Double, Double), range: (Double, Double)) {
        var d = domain
        if !(d.1 > d.0) { d = (d.0 - 1, d.0 + 1) }
        self.domain = (d.0, d.1)
        self.range = (range.0, range.1)
    }

    /// The pixel of `value`.
    public func callAsFunction(_ value: Double) -> Double {
        range.lower + (value - domain.lower) / (domain.upper - domain.lower) * (range.upper - range.lower)
    }

    /// Round values (1, 2 or 5 times a power of ten apart) covering the domain, at most about
    /// `count` of them.
    public func ticks(count: Int) -> [Double] {
        let span = domain.upper - domain.lower
        let rough = span / Double(max(1, count))
        var power = 1.0
        while power * 10 <= rough { power *= 10 }
        while power > rough { power /= 10 }
        let step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= rough } ?? power * 10
        var out: [Double] = []
        var v = (domain.lower / step).rounded(.up) * step
        while v <= domain.upper + step * 1e-9 {
            out.append(abs(v) < step * 1e-9 ? 0 : v)
            v += step
        }
        return out
    }

    /// The domain widened to round values on both ends (a y axis from 0 to 40 rather than 0
    /// to 37.2).
    public static func niceDomain(_ lower: Double, _ upper: Double, count: Int = 4) -> (Double, Double) {
        let scale = LinearScale(domain: (lower, upper), range: (0, 1))
        let ticks = scale.ticks(count: count)
        guard ticks.count >= 2 else { return scale.domain }
        let step = ticks[1] - ticks[0]
        let lo = ticks[0] > scale.domain.lower ? ticks[0] - step : ticks[0]
        let hi = ticks[ticks.count - 1] < scale.domain.upper ? ticks[ticks.count - 1] + step : ticks[ticks.count - 1]
        return (lo, hi)
    }
}
