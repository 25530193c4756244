/// The report folder's `index.html`: every scenario with its result, linking to its page.
public enum ReportIndex {
    /// The index page for `pages`: (file name, session) pairs in run order.
    public static func html(_ pages: [(file: String, session: ReportSession)]) -> String {
        let failed = pages.filter { !$0.session.passed }.count
        var s = ReportPage.head(title: "Scenarios")
        s += "<h1>evsesim report</h1>\n<p class=\"meta\">\(pages.count) scenario\(pages.count == 1 ? "" : "s"): "
        s += "\(pages.count - failed) passed, \(failed) failed</p>\n"
        s +=
            "<table>\n<tr><th></th><th>scenario</th><th>file</th><th>seed</th><th>verdicts</th><th>simulated</th></tr>\n"
        for (file, session) in pages {
            let bad = session.verdicts.filter { !$0.passed }.count
            s += "<tr class=\"\(bad == 0 ? "pass" : "fail")\"><td>\(bad == 0 ? "✔" : "✘")</td>"
            s += "<td><a href=\"\(XMLText.escape(file))\">\(XMLText.escape(session.header.scenario))</a></td>"
            s += "<td>\(XMLText.escape(session.header.file))</td><td>\(session.header.seed)</td>"
            s += "<td>\(session.verdicts.count - bad)/\(session.verdicts.count)</td>"
            s += "<td>\(TimeTicks.label(session.end))</td></tr>\n"
        }
        return s + "</table>\n</body>\n</html>\n"
    }

    /// Page file names for scenario files: the file's name with `.html` (`x.json` → `x.html`),
    /// numbered when two scenarios share a name.
    public static func fileNames(for scenarioFiles: [String]) -> [String] {
        var used: Set<String> = ["index.html"]
        return scenarioFiles.map { file in
            var stem = String(file.split(separator: "/").last ?? "scenario")
            if stem.hasSuffix(".json") { stem.removeLast(5) }
            stem = String(stem.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
            if stem.isEmpty { stem = "scenario" }
            var name = stem + ".html"
            var n = 2
            while used.contains(name) {
                name = "\(stem)-\(n).html"
                n += 1
            }
            used.insert(name)
            return name
        }
    }
}
