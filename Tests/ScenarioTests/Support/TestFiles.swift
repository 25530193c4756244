import Foundation
import Scenario

/// The disk, for tests that read the repository's own profiles.
struct DiskFiles: FileSource {
    func jsonFiles(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted()
    }

    func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw CocoaError(.fileReadNoSuchFile) }
        return Array(data)
    }
}

/// Files served from memory: the scenario layer reads through ``FileSource`` only.
struct MemoryFiles: FileSource {
    var files: [String: String]

    func jsonFiles(in directory: String) -> [String] {
        files.keys.filter { $0.hasPrefix(directory + "/") }.map { String($0.dropFirst(directory.count + 1)) }
            .filter { !$0.contains("/") && $0.hasSuffix(".json") }.sorted()
    }

    func read(_ path: String) throws -> [UInt8] {
        guard let text = files[path] else { throw CocoaError(.fileReadNoSuchFile) }
        return Array(text.utf8)
    }
}
