public import JSON
public import SimCore

/// A trace file read back: its header and its records, each kept as the exact line written.
public struct RecordedTrace: Sendable {
    /// One record.
    public struct Record: Sendable {
        /// The line as written (compared byte for byte).
        public var text: String
        /// 1-based line number in the file.
        public var line: Int
        /// `t`, exact.
        public var time: SimInstant
        /// `src` and `kind`.
        public var source: String
        public var kind: String
        /// The whole record, parsed.
        public var json: JSONValue
        /// The `station` field of a fleet's record.
        public var station: Int? { json["station"]?.numberValue?.int64Value.map { Int($0) } }
    }

    /// The file, as named.
    public var file: String
    /// The header, parsed.
    public var header: JSONValue
    /// The records, in order.
    public var records: [Record]

    /// Reads a trace (`evsesim/trace@2`).
    /// - Throws: ``ReplayError`` at the first line that is not a trace record.
    public init(bytes: [UInt8], file: String) throws(ReplayError) {
        self.file = file
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        guard let first = lines.first, !first.isEmpty,
            let header = try? JSONParser().parse(Array(first), file: file),
            header["trace"]?.stringValue == TraceWriter.schema
        else {
            throw ReplayError(file: file, line: 1, "expected a trace header with \"trace\":\"\(TraceWriter.schema)\"")
        }
        self.header = header
        records = []
        for (offset, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            let number = offset + 1
            guard let json = try? JSONParser().parse(Array(line), file: file),
                let source = json["src"]?.stringValue, let kind = json["kind"]?.stringValue,
                let time = Self.time(of: line)
            else {
                throw ReplayError(file: file, line: number, "expected a trace record {\"t\":…,\"src\":…,\"kind\":…}")
            }
            records.append(
                Record(
                    text: String(decoding: line, as: UTF8.self), line: number, time: time, source: source, kind: kind,
                    json: json))
        }
    }

    /// The master seed and start of the session.
    public var seed: UInt64 { header["seed"]?.numberValue?.uint64Value ?? 1 }
    public var start: String { header["start"]?.stringValue ?? "" }

    /// When the session stopped: its `live.stop` record, else its last record.
    public var end: SimInstant {
        records.last(where: { $0.kind == "live.stop" })?.time ?? records.last?.time ?? .zero
    }

    /// `t` read exactly from the line's text (`{"t":12.600000001,…`), without floating point.
    static func time(of line: some Collection<UInt8>) -> SimInstant? {
        let prefix = Array("{\"t\":".utf8)
        guard line.starts(with: prefix) else { return nil }
        let text = String(decoding: line.dropFirst(prefix.count).prefix { $0 != UInt8(ascii: ",") }, as: UTF8.self)
        return TraceWriter.instant(seconds: text)
    }
}
