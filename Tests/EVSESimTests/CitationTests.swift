import Foundation
import Testing

/// Every citation in the repository must be one a reader can follow: a public source (open_evse,
/// everest-core, a standard) or a README section, never the project's private notes, which are
/// not in the repository.
@Suite struct CitationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Names of documents that are not in the repository.
    static let privateDocuments = [
        "reference/rapi.md", "reference/everest.md", "reference/swift-notes.md", "rapi.md §", "everest.md §",
        "swift-notes", "../shared", "DESIGN.md",
    ]

    /// The places users read, relative to the repository root.
    static let places = ["Sources", "Tests", "Scenarios", "Profiles", "tools", "README.md"]

    /// The lines of `text` with a citation a reader cannot follow (line number from 1, text). A section sign must
    /// follow the public document it belongs to ("RFC 8259 §8.1", "MQTT 3.1.1 §4.7", "OCPP-J 1.6 §4.2.3"); a bare "§2.3"
    /// points into a document the reader cannot see.
    static func unfollowableCitations(in text: String) -> [(line: Int, text: String)] {
        let namedSection = #/(RFC \d+|MQTT [\d.]+|IEC [\d-]+|ISO [\d-]+|OCPP(-J)? [\d.]+) §$/#
        var found: [(line: Int, text: String)] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let named = privateDocuments.filter { line.contains($0) }
            var bareSections = false
            var searchStart = line.startIndex
            while let sign = line[searchStart...].firstIndex(of: "§") {
                let from = line.index(sign, offsetBy: -20, limitedBy: line.startIndex) ?? line.startIndex
                let before = line[from...sign]
                if String(before).firstMatch(of: namedSection) == nil { bareSections = true }
                searchStart = line.index(after: sign)
            }
            if !named.isEmpty || bareSections {
                found.append((index + 1, line.trimmingCharacters(in: .whitespaces)))
            }
        }
        return found
    }

    /// The text files under `place` (a folder or a single file), without this test's own source.
    static func textFiles(in place: String) -> [URL] {
        let url = root.appendingPathComponent(place)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { return [] }
        guard isFolder.boolValue else { return [url] }
        let ownSource = URL(fileURLWithPath: #filePath).standardizedFileURL.path
        let walker = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey])
        return (walker?.allObjects as? [URL] ?? []).filter { file in
            let isFile = (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) ?? false
            return isFile && file.standardizedFileURL.path != ownSource
        }
    }

    @Test("no citation of documents outside the repository", arguments: places)
    func citationsAreFollowable(place: String) throws {
        let files = Self.textFiles(in: place)
        try #require(!files.isEmpty, "\(place) is missing from \(Self.root.path)")
        var problems: [String] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file.path),
                let text = String(data: data, encoding: .utf8)
            else { continue }
            let relative = file.path.replacingOccurrences(of: Self.root.path + "/", with: "")
            problems += Self.unfollowableCitations(in: text).map { "\(relative):\($0.line): \($0.text)" }
        }
        #expect(
            problems.isEmpty,
            """
            cite the public source (open_evse file and function, everest-core file and function) or a README \
            section instead:
            \(problems.joined(separator: "\n"))
            """)
    }

    @Test("the checker finds private notes and bare sections, and accepts named standards")
    func checkerCatchesWhatItShould() {
        let text = """
            /// The receiver (reference/rapi.md §2.2).
            /// As the design says (DESIGN.md, "Scenario files").
            /// Quirk kept on purpose (§2 step 4).
            /// A byte-order mark may start the text (RFC 8259 §8.1); topics as in MQTT 3.1.1 §4.7.
            /// open_evse `EvseRapiProcessor::doCmd()`; everest-core `Charger::enable_disable()`.
            """
        #expect(Self.unfollowableCitations(in: text).map(\.line) == [1, 2, 3])
    }
}
