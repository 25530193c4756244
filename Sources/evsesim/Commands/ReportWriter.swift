import Reports
import Transport

/// Writes a report folder (`run --report`, `evsesim report`): the pages the Reports library
/// rendered, each through ``TextFile`` (no symbolic link followed, folder created).
enum ReportWriter {
    static func write(_ sessions: [ReportSession], to folder: String) throws {
        let base = folder.hasSuffix("/") ? folder : folder + "/"
        for (name, text) in ReportFolder.files(sessions) {
            let path = base + name
            try TextFile.makeParentDirectory(of: path)
            let file = try TextFile(path: path)
            file.writeLine(text.hasSuffix("\n") ? String(text.dropLast()) : text)
            file.flush()
            if let error = file.writeError { throw error }
        }
    }
}
