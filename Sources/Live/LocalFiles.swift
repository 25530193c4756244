public import Scenario
import Transport

/// The disk, as the scenario layer reads it (profiles, scenario folders).
public struct LocalFiles: FileSource {
    public init() {}

    public func jsonFiles(in directory: String) -> [String] { Folder.jsonFiles(in: directory) }

    public func read(_ path: String) throws -> [UInt8] { try TextFile.read(path) }
}

extension ProfileLibrary {
    /// Reads the profile folder `directory` from the disk.
    /// - Throws: ``ScenarioValidationError`` listing every malformed profile file.
    public init(directory: String) throws(ScenarioValidationError) {
        try self.init(directory: directory, files: LocalFiles())
    }
}
