/// Draws a session's charts as standalone SVG elements sharing one time axis.
///
/// Pure: a session in, SVG text out. Coordinates are rounded to a tenth of a pixel and every
/// series is thinned with ``Downsampler`` to about one bucket per pixel, so a week-long run
/// draws as many points as a minute-long one.
public struct ChartRenderer: Sendable {
    /// The SVG's width in pixels.
    public var width: Double = 960
    /// Room for the y axis labels.
    public var left: Double = 96
    /// Room on the right.
    public var right: Double = 16
    /// Room above the plot (title and legend).
    public var top: Double = 20
    /// Room below the plot (time labels).
    public var bottom: Double = 18
    /// Draw titles, legends and axis labels; off for pixel comparisons that must not depend
    /// on the fonts installed.
    public var showsText = true
    /// The session's length in seconds (the x axis runs from 0 to here).
    public var end: Double

    /// A renderer for a run of `end` seconds.
    public init(end: Double) { self.end = max(end, 1) }

    /// The time axis.
    public var x: LinearScale { LinearScale(domain: (0, end), range: (left, width - right)) }

    /// Seconds per pixel: the downsampling bucket.
    public var secondsPerPixel: Double { end / (width - left - right) }

    /// One numeric or categorical chart.
    public func chart(_ spec: ChartSpec, session: ReportSession) -> String {
        let height = top + spec.height + bottom
        let plotBottom = top + spec.height
        let series = spec.lines.map { line in
            (line, (session.series[line.key] ?? []).map { ChartPoint($0.t, $0.v * line.factor) })
        }
        let values = series.flatMap { $0.1.map(\.v) }
        let labels = spec.categories.map { session.categories[$0] ?? [] }
        let y: LinearScale
        let ticks: [Double]
        if let labels {
            y = LinearScale(domain: (-0.5, Double(max(labels.count, 1)) - 0.5), range: (plotBottom, top))
            ticks = labels.indices.map(Double.init)
        } else {
            var lo = values.min() ?? 0
            var hi = values.max() ?? 1
            if spec.zeroBased {
                lo = min(lo, 0)
                hi = max(hi, 0)
            }
            let nice = LinearScale.niceDomain(lo, hi, count: 4)
            y = LinearScale(domain: nice, range: (plotBottom, top))
            ticks = y.ticks(count: 4)
        }
        var svg = open(id: "chart-\(spec.id)", height: height, title: spec.title)
        if showsText { svg += legend(spec) }
        svg += frame(plotBottom: plotBottom)
        for tick in ticks {
            let py = XMLText.px(y(tick))
            svg += "<line x1=\"\(XMLText.px(left))\" y1=\"\(py)\" x2=\"\(XMLText.px(width - right))\" y2=\"\(py)\""
            svg += " stroke=\"#e4e4e4\"/>"
            if showsText {
                let text = labels.map { $0[Int(tick)] } ?? XMLText.number(tick)
                svg += "<text x=\"\(XMLText.px(left - 4))\" y=\"\(XMLText.px(y(tick) + 4))\" text-anchor=\"end\">"
                svg += XMLText.escape(text) + "</text>"
            }
        }
        svg += timeAxis(plotBottom: plotBottom)
        svg += verdictLines(session, top: top, bottom: plotBottom)
        for (line, points) in series where !points.isEmpty {
            let thin = Downsampler.minMax(points, width: secondsPerPixel)
            svg += "<path d=\"\(path(thin, y: y))\" fill=\"none\" stroke=\"\(line.color)\" stroke-width=\"1.5\""
            svg += line.dashed ? " stroke-dasharray=\"5 3\"/>" : "/>"
        }
        if values.isEmpty && showsText {
            svg += "<text x=\"\(XMLText.px(left + 8))\" y=\"\(XMLText.px(top + 16))\" fill=\"#888\">"
            svg += "no samples in the trace (run with --report or --trace-samples)</text>"
        }
        return svg + "</svg>"
    }

    /// A held-value (step) path through `points`, continued to the end of the run.
    public func path(_ points: [ChartPoint], y: LinearScale) -> String {
        guard let first = points.first else { return "" }
        var d = "M\(XMLText.px(x(first.t))) \(XMLText.px(y(first.v)))"
        var lastX = XMLText.px(x(first.t))
        var lastY = XMLText.px(y(first.v))
        for p in points.dropFirst() {
            let px = XMLText.px(x(p.t))
            let py = XMLText.px(y(p.v))
            if px != lastX { d += "H\(px)" }
            if py != lastY { d += "V\(py)" }
            lastX = px
            lastY = py
        }
        let endX = XMLText.px(x(end))
        if endX != lastX { d += "H\(endX)" }
        return d
    }

    func open(id: String, height: Double, title: String) -> String {
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(id)\" width=\"\(XMLText.px(width))\""
        s += " height=\"\(XMLText.px(height))\" viewBox=\"0 0 \(XMLText.px(width)) \(XMLText.px(height))\""
        s += " font-family=\"sans-serif\" font-size=\"11\"><rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>"
        if showsText {
            s += "<text x=\"\(XMLText.px(left))\" y=\"13\" font-weight=\"bold\">\(XMLText.escape(title))</text>"
        }
        return s
    }

    func legend(_ spec: ChartSpec) -> String {
        guard spec.lines.count > 1 else { return "" }
        var s = ""
        var lx = width - right - Double(spec.lines.count) * 90
        for line in spec.lines {
            s += "<rect x=\"\(XMLText.px(lx))\" y=\"5\" width=\"12\" height=\"8\" fill=\"\(line.color)\"/>"
            s += "<text x=\"\(XMLText.px(lx + 16))\" y=\"13\">\(XMLText.escape(line.label))</text>"
            lx += 90
        }
        return s
    }

    func frame(plotBottom: Double) -> String {
        "<rect x=\"\(XMLText.px(left))\" y=\"\(XMLText.px(top))\" width=\"\(XMLText.px(width - left - right))\""
            + " height=\"\(XMLText.px(plotBottom - top))\" fill=\"#fbfbfb\" stroke=\"#bbbbbb\"/>"
    }

    func timeAxis(plotBottom: Double) -> String {
        var s = ""
        for t in TimeTicks.ticks(end: end) {
            let px = XMLText.px(x(t))
            s += "<line x1=\"\(px)\" y1=\"\(XMLText.px(top))\" x2=\"\(px)\" y2=\"\(XMLText.px(plotBottom))\""
            s += " stroke=\"#eeeeee\"/>"
            if showsText {
                s += "<text x=\"\(px)\" y=\"\(XMLText.px(plotBottom + 13))\" text-anchor=\"middle\" fill=\"#555\">"
                s += TimeTicks.label(t) + "</text>"
            }
        }
        return s
    }

    func verdictLines(_ session: ReportSession, top: Double, bottom: Double) -> String {
        var s = ""
        var drawn: Set<String> = []
        for v in session.verdicts {
            let px = XMLText.px(x(v.t))
            // Many verdicts in one pixel column (a week's invariants) draw one line.
            guard drawn.insert(px + (v.passed ? "+" : "-")).inserted else { continue }
            s += "<line x1=\"\(px)\" y1=\"\(XMLText.px(top))\" x2=\"\(px)\" y2=\"\(XMLText.px(bottom))\""
            s += " stroke=\"\(v.passed ? "#9fd89f" : "#f08080")\" stroke-dasharray=\"2 2\"/>"
        }
        return s
    }
}
