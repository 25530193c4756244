/// Where the scenario layer gets its files: it does no I/O of its own. The executable hands it
/// the disk (Live's `LocalFiles`); a test may serve files from memory.
public protocol FileSource: Sendable {
    /// Names of the `*.json` files directly in `directory` (no hidden ones), sorted; empty when
    /// the folder does not exist.
    func jsonFiles(in directory: String) -> [String]
    /// The bytes of the file at `path`.
    func read(_ path: String) throws -> [UInt8]
}
