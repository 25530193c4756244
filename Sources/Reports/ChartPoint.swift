/// One reading on a chart: seconds since the start, and the value held from then on.
public struct ChartPoint: Hashable, Sendable {
    /// Seconds since `t` = 0.
    public var t: Double
    /// The value, held until the next point (the trace writes readings when they change).
    public var v: Double

    /// A point.
    public init(_ t: Double, _ v: Double) {
        self.t = t
        self.v = v
    }
}
