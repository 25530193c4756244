import EVSEModel
import Foundation
import Reports
import Scenario
import SimCore
import Synchronization

/// Runs scenarios for the report tests: the report as `run --report` builds it, and the JSONL
/// trace as `run --trace --trace-samples` writes it.
enum ReportFixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static let library: ProfileLibrary = {
        try! ProfileLibrary(directory: root.appendingPathComponent("Profiles").path, files: Disk())
    }()

    struct Disk: FileSource {
        func jsonFiles(in directory: String) -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
                .filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted()
        }
        func read(_ path: String) throws -> [UInt8] {
            guard let data = FileManager.default.contents(atPath: path) else { throw CocoaError(.fileReadNoSuchFile) }
            return Array(data)
        }
    }

    final class Lines: Sendable {
        let lines = Mutex<[String]>([])
        func append(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    /// Runs the scenario in `bytes`; returns the session and the trace text (header first).
    static func run(bytes: [UInt8], file: String) throws -> (ReportSession, String) {
        let prepared = try PreparedScenario(bytes: bytes, file: file, library: library)
        let doc = prepared.document
        let header = TraceHeader(scenario: doc.name, file: file, seed: doc.seed, start: doc.start.rfc3339(at: .zero))
        let recorder = ReportRecorder(header: header)
        let lines = Lines()
        let writer = TraceWriter()
        lines.append(writer.header(scenario: doc.name, file: file, seed: doc.seed, start: header.start))
        var options = RunOptions(trace: { record in
            recorder.add(record)
            lines.append(writer.line(record))
        })
        options.traceSamples = true
        var runner = prepared.runner(options: options)
        _ = runner.run()
        return (recorder.session, lines.all.joined(separator: "\n") + "\n")
    }

    /// Runs a scenario of the library (`Scenarios/<name>`).
    static func run(library name: String) throws -> (ReportSession, String) {
        let url = root.appendingPathComponent("Scenarios").appendingPathComponent(name)
        return try run(bytes: Array(try Data(contentsOf: url)), file: "Scenarios/" + name)
    }

    /// Every `<svg …>…</svg>` in a page.
    static func svgs(in html: String) -> [String] {
        var out: [String] = []
        var rest = html[...]
        while let start = rest.range(of: "<svg "),
            let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex)
        {
            out.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        return out
    }
}
