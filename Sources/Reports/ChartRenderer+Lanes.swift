extension ChartRenderer {
    /// Rows of marks: the scenario's steps, RAPI lines in and asynchronous lines out, MQTT
    /// commands and verdicts. Each verdict
    /// is an element with the id `verdict-<n>` (from 1), the target of the verdict table's links;
    /// other marks in the same pixel column of a row share one tick whose tooltip lists them.
    public func events(_ session: ReportSession) -> String {
        let rows: [(String, String, [ReportSession.Mark])] = [
            ("steps", "#555555", session.steps), ("RAPI in", "#1f77b4", session.rapi),
            ("RAPI async", "#17becf", session.rapiAsync), ("MQTT cmd", "#ff7f0e", session.mqtt),
        ]
        let rowHeight = 18.0
        let plotBottom = top + rowHeight * Double(rows.count + 1)
        var svg = open(
            id: "chart-events", height: plotBottom + bottom, title: "Steps, RAPI lines, MQTT commands, verdicts")
        svg += frame(plotBottom: plotBottom)
        svg += timeAxis(plotBottom: plotBottom)
        for (i, (name, color, marks)) in rows.enumerated() {
            let y0 = top + rowHeight * Double(i)
            svg += rowLabel(name, y0: y0, height: rowHeight)
            for (px, group) in Self.columns(marks, x: x) {
                svg +=
                    "<line x1=\"\(px)\" y1=\"\(XMLText.px(y0 + 3))\" x2=\"\(px)\" y2=\"\(XMLText.px(y0 + rowHeight - 3))\""
                svg +=
                    " stroke=\"\(color)\" stroke-width=\"1.5\"><title>\(XMLText.escape(Self.tooltip(group)))</title></line>"
            }
        }
        let y0 = top + rowHeight * Double(rows.count)
        svg += rowLabel("verdicts", y0: y0, height: rowHeight)
        for (n, v) in session.verdicts.enumerated() {
            let px = XMLText.px(x(v.t))
            let color = v.passed ? "#2ca02c" : "#d62728"
            let text = "\(v.passed ? "✔" : "✘") t+\(TimeTicks.label(v.t)) \(v.label) — \(v.detail)"
            svg +=
                "<g id=\"verdict-\(n + 1)\" class=\"verdict\"><line x1=\"\(px)\" y1=\"\(XMLText.px(top))\" x2=\"\(px)\""
            svg += " y2=\"\(XMLText.px(plotBottom))\" stroke=\"\(color)\" stroke-opacity=\"0.35\"/>"
            svg += "<circle cx=\"\(px)\" cy=\"\(XMLText.px(y0 + rowHeight / 2))\" r=\"4\" fill=\"\(color)\">"
            svg += "<title>\(XMLText.escape(text))</title></circle></g>"
        }
        return svg + "</svg>"
    }

    /// One row per EVerest error type, a bar while it was active.
    public func errors(_ session: ReportSession) -> String {
        var types: [String] = []
        for span in session.errors where !types.contains(span.type) { types.append(span.type) }
        let rowHeight = 16.0
        let plotBottom = top + rowHeight * Double(max(types.count, 1))
        var svg = open(id: "chart-errors", height: plotBottom + bottom, title: "Active errors (EVerest)")
        svg += frame(plotBottom: plotBottom)
        svg += timeAxis(plotBottom: plotBottom)
        svg += verdictLines(session, top: top, bottom: plotBottom)
        if types.isEmpty && showsText {
            svg += "<text x=\"\(XMLText.px(left + 8))\" y=\"\(XMLText.px(top + 12))\" fill=\"#888\">none</text>"
        }
        for (i, type) in types.enumerated() {
            let y0 = top + rowHeight * Double(i)
            svg += rowLabel(String(type.split(separator: "/").last ?? Substring(type)), y0: y0, height: rowHeight)
            for (from, to) in mergedSpans(session.errors.filter { $0.type == type }) {
                svg +=
                    "<rect x=\"\(XMLText.px(from))\" y=\"\(XMLText.px(y0 + 3))\" width=\"\(XMLText.px(max(to - from, 1)))\""
                svg +=
                    " height=\"\(XMLText.px(rowHeight - 6))\" fill=\"#d62728\"><title>\(XMLText.escape(type))</title></rect>"
            }
        }
        return svg + "</svg>"
    }

    /// Spans in pixels, those less than a pixel apart joined.
    func mergedSpans(_ spans: [ReportSession.ErrorSpan]) -> [(Double, Double)] {
        var out: [(Double, Double)] = []
        for span in spans {
            let from = x(span.from)
            let to = x(span.to ?? end)
            if let last = out.last, from - last.1 < 1 {
                out[out.count - 1].1 = max(last.1, to)
            } else {
                out.append((from, to))
            }
        }
        return out
    }

    func rowLabel(_ text: String, y0: Double, height: Double) -> String {
        guard showsText else { return "" }
        return "<text x=\"\(XMLText.px(left - 4))\" y=\"\(XMLText.px(y0 + height / 2 + 4))\" text-anchor=\"end\">"
            + XMLText.escape(text) + "</text>"
    }

    /// Marks grouped by the pixel column they fall in, in time order.
    static func columns(_ marks: [ReportSession.Mark], x: LinearScale) -> [(String, [ReportSession.Mark])] {
        var out: [(String, [ReportSession.Mark])] = []
        for mark in marks {
            let px = XMLText.px(x(mark.t).rounded())
            if out.last?.0 == px { out[out.count - 1].1.append(mark) } else { out.append((px, [mark])) }
        }
        return out
    }

    /// The tooltip of a tick: its marks' times and texts, the first five of them.
    static func tooltip(_ marks: [ReportSession.Mark]) -> String {
        var lines = marks.prefix(5).map { "t+\(TimeTicks.label($0.t)) \($0.text)" }
        if marks.count > 5 { lines.append("… and \(marks.count - 5) more") }
        return lines.joined(separator: "\n")
    }
}
