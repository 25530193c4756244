import Foundation
import Scenario
import SimCore
import Testing

@testable import Reports

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Parses a document with Foundation's XML parser and keeps the first error.
final class XMLCheck: NSObject, XMLParserDelegate {
    var error: String?
    var elements: [String: Int] = [:]
    var ids: [String] = []

    static func parse(_ text: String) -> XMLCheck {
        let check = XMLCheck()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = check
        if !parser.parse() {
            check.error =
                check.error ?? "\(parser.parserError.map { "\($0)" } ?? "unknown") at line \(parser.lineNumber)"
        }
        return check
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        error = error ?? "\(parseError) at line \(parser.lineNumber), column \(parser.columnNumber)"
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        elements[name, default: 0] += 1
        if let id = attributes["id"] { ids.append(id) }
    }
}

@Suite struct ReportXMLTests {
    static let scenarios = [
        "full-session-to-target-soc.json", "mqtt-active-errors.json", "rapi-session.json",
        "over-temperature-throttle-then-panic.json", "mqtt-phase-switching.json", "mqtt-pause-resume-stop.json",
    ]

    @Test(arguments: scenarios)
    func pageAndEverySVGParseAsXML(scenario: String) throws {
        let (session, _) = try ReportFixture.run(library: scenario)
        let html = ReportPage(session: session).html
        let page = XMLCheck.parse(html)
        #expect(page.error == nil, "\(scenario): \(page.error ?? "")")
        let svgs = ReportFixture.svgs(in: html)
        #expect(svgs.count == ChartSpec.standard.count + 2)
        for svg in svgs {
            let check = XMLCheck.parse(svg)
            #expect(check.error == nil, "\(scenario): \(check.error ?? "") in \(svg.prefix(80))")
        }
        // Every verdict row links to an element that exists on the charts.
        #expect(session.verdicts.count > 0)
        for n in 1...session.verdicts.count {
            #expect(html.contains("href=\"#verdict-\(n)\""))
            #expect(page.ids.contains("verdict-\(n)"))
        }
        #expect(Set(page.ids).count == page.ids.count, "ids are unique")
        // Self-contained: nothing is fetched.
        #expect(!html.contains("src=") && !html.contains("<link") && !html.contains("http://cdn"))
    }

    @Test func indexParsesAndLinksEveryPage() throws {
        let a = try ReportFixture.run(library: "full-session-to-target-soc.json").0
        let b = try ReportFixture.run(library: "mqtt-active-errors.json").0
        let files = ReportFolder.files([a, b])
        #expect(files.map(\.name) == ["full-session-to-target-soc.html", "mqtt-active-errors.html", "index.html"])
        let index = files[2].text
        #expect(XMLCheck.parse(index).error == nil)
        #expect(index.contains("href=\"full-session-to-target-soc.html\""))
        #expect(index.contains("href=\"mqtt-active-errors.html\""))
    }

    @Test func chartsShowTheReadingsOfTheRun() throws {
        let (session, _) = try ReportFixture.run(library: "mqtt-active-errors.json")
        #expect(session.series["pilot"]?.isEmpty == false)
        #expect(!session.errors.isEmpty, "the scenario raises EVerest errors")
        #expect(try ReportFixture.run(library: "mqtt-pause-resume-stop.json").0.mqtt.count == 5)
        let errors = ChartRenderer(end: session.end).errors(session)
        #expect(errors.contains("<rect") && errors.contains(session.errors[0].type))
    }

    @Test func hostileTextStaysWellFormed() {
        var session = ReportSession(
            header: TraceHeader(scenario: "<b>&\"x\"</b>\u{1}", file: "a&b.json", seed: 1, start: "now"))
        session.end = 10
        session.rapi = [.init(1, "$GS\u{7F}<>&")]
        session.verdicts = [Verdict(label: "]]>", location: "x", time: .zero, passed: false, detail: "<!--")]
        #expect(XMLCheck.parse(ReportPage(session: session).html).error == nil)
    }

    @Test func pageNamesAreUniqueAndSafe() {
        #expect(
            ReportIndex.fileNames(for: ["a/x.json", "b/x.json", "index.json", "we ird.json"]) == [
                "x.html", "x-2.html", "index-2.html", "we_ird.html",
            ])
    }
}
