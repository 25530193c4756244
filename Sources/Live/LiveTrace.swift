public import EVSEModel
public import Scenario
public import Transport

/// The trace file of a live session: JSON Lines in the `evsesim/trace@2` format of fast runs.
///
/// Every record of the station, its faces and the background scenario goes here, plus what only
/// live mode has: the raw bytes read from the pty (`pty.receive`, so a session can be replayed
/// with the same input at the same instants) and client attach/detach. In a fleet each record
/// carries a `station` field with the station's index.
///
/// Buffered; the fleet flushes it once a simulated second, so `tail -f` follows a session.
public final class LiveTrace {
    /// The file's path (`-` is standard output).
    public var path: String { file.path }
    private let file: TextFile
    private let writer = TraceWriter()

    /// Creates (or truncates) `path` and writes the header line.
    /// - Parameters:
    ///   - path: Where to write; `-` for standard output.
    ///   - name: The scenario's name, or a description of the session.
    ///   - file: The scenario file, or `-` when none.
    ///   - seed: The master seed.
    ///   - start: The RFC 3339 wall time of sim instant zero.
    /// - Throws: ``FileError`` when the file cannot be created.
    ///   - recipe: What rebuilds the session (`evsesim replay`), written into the header.
    public init(
        path: String, name: String, file scenarioFile: String, seed: UInt64, start: String,
        recipe: SessionRecipe? = nil
    ) throws(FileError) {
        file = try TextFile(path: path)
        file.writeLine(
            writer.header(
                scenario: name, file: scenarioFile, seed: seed, start: start, extra: recipe?.headerMembers ?? [:]))
    }

    deinit { file.flush() }

    /// Appends `records`; with `station`, each gets a `station` field naming its index.
    public func write(_ records: [TraceRecord], station: Int? = nil) {
        for var record in records {
            if let station { record.fields.append(.init("station", .int(Int64(station)))) }
            file.writeLine { writer.append(record, to: &$0) }
        }
    }

    /// Writes out whatever is buffered.
    public func flush() { file.flush() }
}
