/// Thins a series for drawing without losing its extremes: per bucket of time it keeps the
/// first, lowest, highest and last point, in time order.
///
/// A bucket is about one pixel wide, so the drawing is what the full series would give (a
/// spike shows as tall as it was), while a week of samples shrinks to a few points per pixel.
public enum Downsampler {
    /// The points of `points` (sorted by time) that survive buckets of `width` seconds counted
    /// from `origin`. A width of zero or less keeps everything.
    public static func minMax(_ points: [ChartPoint], origin: Double = 0, width: Double) -> [ChartPoint] {
        guard width > 0, points.count > 4 else { return points }
        var out: [ChartPoint] = []
        out.reserveCapacity(min(points.count, 4 * 1024))
        var start = 0
        while start < points.count {
            let bucket = ((points[start].t - origin) / width).rounded(.down)
            var end = start + 1
            var lo = start
            var hi = start
            while end < points.count, ((points[end].t - origin) / width).rounded(.down) == bucket {
                if points[end].v < points[lo].v { lo = end }
                if points[end].v > points[hi].v { hi = end }
                end += 1
            }
            var kept = Set([start, lo, hi, end - 1]).sorted()
            // A point equal to the one before it adds nothing to a held-value line.
            kept = kept.filter { $0 == start || points[$0].v != points[start].v || $0 == end - 1 }
            for i in kept { out.append(points[i]) }
            start = end
        }
        return out
    }
}
