import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The little file-system access the scenario layer needs: listing and reading JSON files.
enum FileAccess {
    /// Names of `*.json` files directly in `directory`, sorted (empty if it does not exist).
    static func jsonFiles(in directory: String) -> [String] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasSuffix(".json"), !name.hasPrefix(".") { names.append(name) }
        }
        return names.sorted()
    }

    /// The bytes of a file.
    static func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReadError(path: path)
        }
        return Array(data)
    }

    struct ReadError: Error, CustomStringConvertible {
        var path: String
        var description: String { "cannot read \(path)" }
    }
}
