import Scenario

/// One scenario's report: a self-contained XHTML page (inline CSS and SVG, nothing fetched)
/// with the verdict table and the charts.
///
/// The page is well-formed XML as well as HTML, so tests (and other tools) can parse it.
public struct ReportPage: Sendable {
    /// The session shown.
    public var session: ReportSession
    /// The chart settings (width, text).
    public var renderer: ChartRenderer

    /// A page for `session`, its charts spanning the run.
    public init(session: ReportSession) {
        self.session = session
        self.renderer = ChartRenderer(end: session.end)
    }

    /// The charts, top to bottom: marks and verdicts, the readings, active errors.
    public var charts: [String] {
        [renderer.events(session)] + ChartSpec.standard.map { renderer.chart($0, session: session) }
            + [renderer.errors(session)]
    }

    /// Some of the charts (by ``ChartSpec/id``, `events` and `errors` included) stacked into
    /// one standalone SVG document, for a README or a ticket.
    public func figure(_ ids: [String]) -> String {
        let all = charts
        var body = ""
        var y = 0.0
        for id in ids {
            guard let chart = all.first(where: { $0.contains("id=\"chart-\(id)\"") }) else { continue }
            body += chart.replacing("<svg ", with: "<svg y=\"\(XMLText.px(y))\" ", maxReplacements: 1)
            y += Self.height(of: chart)
        }
        let w = XMLText.px(renderer.width)
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(XMLText.px(y))\""
            + " viewBox=\"0 0 \(w) \(XMLText.px(y))\">" + body + "</svg>\n"
    }

    /// The `height` attribute of a chart's `<svg>`.
    static func height(of svg: String) -> Double {
        guard let start = svg.firstRange(of: " height=\"") else { return 0 }
        return Double(svg[start.upperBound...].prefix { $0 != "\"" }) ?? 0
    }

    /// The page's text.
    public var html: String {
        let h = session.header
        let failed = session.verdicts.filter { !$0.passed }.count
        var s = Self.head(title: h.scenario)
        s += "<h1>\(XMLText.escape(h.scenario))</h1>\n"
        s += "<p class=\"meta\"><a href=\"index.html\">all scenarios</a> · \(XMLText.escape(h.file)) · seed \(h.seed)"
        s += " · start \(XMLText.escape(h.start)) · simulated \(TimeTicks.label(session.end)) · "
        s += failed == 0 ? "<span class=\"pass\">PASS</span>" : "<span class=\"fail\">FAIL</span>"
        s += " (\(session.verdicts.count - failed)/\(session.verdicts.count) verdicts)</p>\n"
        s += verdictTable
        s += "<div class=\"charts\">\n"
        for chart in charts { s += chart + "\n" }
        return s + "</div>\n</body>\n</html>\n"
    }

    var verdictTable: String {
        guard !session.verdicts.isEmpty else { return "<p>No verdicts.</p>\n" }
        var s = "<table>\n<tr><th></th><th>time</th><th>verdict</th><th>detail</th><th>step</th></tr>\n"
        for (n, v) in session.verdicts.enumerated() {
            s += "<tr class=\"\(v.passed ? "pass" : "fail")\"><td>\(v.passed ? "✔" : "✘")</td>"
            s += "<td><a href=\"#verdict-\(n + 1)\">\(HumanFormat.instant(v.time))</a></td>"
            s += "<td>\(XMLText.escape(v.label))</td><td>\(XMLText.escape(HumanFormat.text(v.detail)))</td>"
            s += "<td>\(XMLText.escape(v.location))</td></tr>\n"
        }
        return s + "</table>\n"
    }

    /// The start of a page, with its inline style.
    static func head(title: String) -> String {
        """
        <!DOCTYPE html>
        <html xmlns="http://www.w3.org/1999/xhtml" lang="en">
        <head>
        <meta charset="utf-8"/>
        <title>\(XMLText.escape(title)) · evsesim report</title>
        <style>
        body { font-family: sans-serif; margin: 1.5em; color: #222; }
        h1 { font-size: 1.3em; }
        .meta { color: #555; }
        table { border-collapse: collapse; margin-bottom: 1.5em; }
        td, th { border-bottom: 1px solid #ddd; padding: 3px 8px; text-align: left; vertical-align: top; }
        .pass { color: #1a7f1a; }
        .fail { color: #c01818; font-weight: bold; }
        .charts svg { display: block; margin-bottom: 6px; }
        g.verdict:target line { stroke-opacity: 1; stroke-width: 3; }
        g.verdict:target circle { r: 7; }
        </style>
        </head>
        <body>

        """
    }
}
