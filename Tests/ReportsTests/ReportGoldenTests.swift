import Foundation
import Testing

@testable import Reports

/// The current chart of the full-session scenario, drawn by a real browser (Debian's chromium
/// in headless screenshot mode) and compared with `Golden/full-session-current.png`. Text is
/// left out of the drawing, so installed fonts do not matter; the comparison tolerates
/// anti-aliasing (`compare_png.py`: at most 0.2 % of the pixels off by more than 64 of 255),
/// while a chart missing one of its lines fails.
/// `EVSESIM_UPDATE_GOLDEN=1` rewrites the golden image.
@Suite struct ReportGoldenTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    static func chart(without key: String? = nil) throws -> (html: String, height: Int) {
        let (session, _) = try ReportFixture.run(library: "full-session-to-target-soc.json")
        var renderer = ChartRenderer(end: session.end)
        renderer.showsText = false
        var spec = try #require(ChartSpec.standard.first { $0.id == "current" })
        spec.lines.removeAll { $0.key == key }
        let svg = renderer.chart(spec, session: session)
        let height = Int(renderer.top + spec.height + renderer.bottom)
        let html = "<!DOCTYPE html><html><body style=\"margin:0;background:#fff\">\(svg)</body></html>"
        return (html, height)
    }

    @Test(.enabled(if: chromium != nil, "needs chromium (tools/setup installs it)"))
    func theCurrentChartLooksLikeTheGoldenImage() throws {
        let golden = ReportFixture.golden.appendingPathComponent("full-session-current.png")
        let shot = try Self.screenshot(try Self.chart())
        defer { try? FileManager.default.removeItem(at: shot.deletingLastPathComponent()) }
        if ProcessInfo.processInfo.environment["EVSESIM_UPDATE_GOLDEN"] == "1" {
            _ = try? FileManager.default.removeItem(at: golden)
            try FileManager.default.copyItem(at: shot, to: golden)
        }
        let (same, report) = try Self.compare(golden, shot)
        #expect(same == 0, "screenshot differs from \(golden.lastPathComponent): \(report)")
    }

    @Test(.enabled(if: chromium != nil, "needs chromium (tools/setup installs it)"))
    func aChartMissingALineDiffersFromTheGoldenImage() throws {
        let golden = ReportFixture.golden.appendingPathComponent("full-session-current.png")
        let shot = try Self.screenshot(try Self.chart(without: "l1"))
        defer { try? FileManager.default.removeItem(at: shot.deletingLastPathComponent()) }
        let (same, report) = try Self.compare(golden, shot)
        #expect(same == 1, "the comparison should see the missing L1 line: \(report)")
    }

    static func compare(_ golden: URL, _ shot: URL) throws -> (Int32, String) {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "compare_png.py")
        return try execute("/usr/bin/env", ["python3", script.path, golden.path, shot.path, "0.002"])
    }

    /// The chart drawn by chromium; the PNG lives in a fresh temporary folder.
    static func screenshot(_ chart: (html: String, height: Int)) throws -> URL {
        let (html, height) = chart
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("evsesim-golden-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let page = dir.appendingPathComponent("chart.html")
        try html.write(to: page, atomically: true, encoding: .utf8)
        let shot = dir.appendingPathComponent("shot.png")
        let (status, output) = try Self.execute(
            Self.chromium!,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1",
                "--user-data-dir=\(dir.path)/profile", "--window-size=960,\(height)",
                "--screenshot=\(shot.path)", page.absoluteString,
            ])
        try #require(status == 0 && FileManager.default.fileExists(atPath: shot.path), "chromium: \(output)")
        return shot
    }

    static func execute(_ tool: String, _ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// The README's example chart (`Golden/full-session-report.svg`) is what the code draws now.
@Suite struct ReadmeFigureTests {
    @Test func theReadmeFigureIsCurrent() throws {
        let (session, _) = try ReportFixture.run(library: "full-session-to-target-soc.json")
        let figure = ReportPage(session: session).figure(["events", "pilot", "current", "power", "soc", "everest"])
        #expect(XMLCheck.parse(figure).error == nil)
        let file = ReportFixture.golden.appendingPathComponent("full-session-report.svg")
        if ProcessInfo.processInfo.environment["EVSESIM_UPDATE_GOLDEN"] == "1" {
            try figure.write(to: file, atomically: true, encoding: .utf8)
        }
        let committed = try String(contentsOf: file, encoding: .utf8)
        #expect(committed == figure, "run with EVSESIM_UPDATE_GOLDEN=1 to rewrite \(file.lastPathComponent)")
    }
}
