import Live
import Scenario
import Transport

/// The scenario files a command was given: folders expand to the `*.json` files in them
/// (sorted), and each file is read within the size limit.
enum ScenarioInputs {
    /// `paths` with every folder replaced by its JSON files; a folder without any is an error.
    static func expand(_ paths: [String]) throws(FileError) -> [String] {
        var files: [String] = []
        for path in paths {
            guard ProfileLocator.isDirectory(path) else {
                files.append(path)
                continue
            }
            let names = Folder.jsonFiles(in: path)
            guard !names.isEmpty else {
                throw FileError(path: path, errno: 0, reason: "no *.json files in this folder")
            }
            let folder = path.hasSuffix("/") ? path : path + "/"
            files += names.map { folder + $0 }
        }
        return files
    }

    /// Reads and prepares one scenario; an unreadable file throws ``FileError``, an invalid one
    /// ``ScenarioValidationError`` (a file over the size limit is not read at all).
    static func prepare(_ file: String, library: ProfileLibrary, seed: UInt64? = nil, limits: ScenarioLimits)
        throws -> PreparedScenario
    {
        try checkSize(file, limits: limits)
        return try PreparedScenario(
            bytes: TextFile.read(file), file: file, library: library, seed: seed, limits: limits)
    }

    /// Refuses a file larger than the limit before reading it.
    static func checkSize(_ file: String, limits: ScenarioLimits) throws {
        if let issue = limits.fileSizeIssue(size: try TextFile.size(of: file), file: file) {
            throw ScenarioValidationError(file: file, issues: [issue])
        }
    }
}
