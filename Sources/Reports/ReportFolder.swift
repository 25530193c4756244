/// The files of a report folder: one page per scenario plus `index.html`, as (name, text).
/// Writing them is the caller's business (the library does no I/O).
public enum ReportFolder {
    /// The pages for `sessions`, in run order, and the index last.
    public static func files(_ sessions: [ReportSession]) -> [(name: String, text: String)] {
        let names = ReportIndex.fileNames(for: sessions.map(\.header.file))
        var out = zip(names, sessions).map { (name: $0, text: ReportPage(session: $1).html) }
        out.append(
            (name: "index.html", text: ReportIndex.html(Array(zip(names, sessions)).map { (file: $0, session: $1) })))
        return out
    }

    /// A session from a whole JSONL trace's text (`file` names it in errors).
    public static func session(traceText text: String, file: String) throws(TraceReader.Failure) -> ReportSession {
        let reader = TraceReader(file: file)
        var collector: ReportCollector?
        var number = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            if line.isEmpty { continue }
            if collector == nil {
                collector = ReportCollector(header: try reader.header(String(line)))
            } else {
                collector!.add(try reader.record(String(line), number: number))
            }
        }
        guard let collector else { throw TraceReader.Failure(location: file, reason: "the trace is empty") }
        return collector.session
    }
}
