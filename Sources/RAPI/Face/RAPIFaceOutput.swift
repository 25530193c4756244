import EVSEModel
import SimCore

/// What one call into the RAPI face produced: the writes for the serial line, in order, and the
/// trace records describing every line in and out.
public struct RAPIFaceOutput: Hashable, Sendable {
    /// The writes, in wire order; write each with a single call.
    public var writes: [RAPIFaceWrite] = []
    /// One record per line in, line out, echo, drop and rejection (source `rapi`).
    public var records: [TraceRecord] = []

    /// Nothing written, nothing recorded.
    public init() {}

    /// Every byte of every write, concatenated.
    public var bytes: [UInt8] { writes.flatMap(\.bytes) }

    /// Each write as escaped text (`$OK^20\r`), in order.
    public var texts: [String] { writes.map(\.text) }

    /// The escaped texts of the writes of one kind.
    public func texts(_ kind: RAPIFaceWrite.Kind) -> [String] {
        writes.filter { $0.kind == kind }.map(\.text)
    }

    /// Appends what `other` produced after this output's writes and records.
    public mutating func append(_ other: RAPIFaceOutput) {
        writes += other.writes
        records += other.records
        openEcho = nil
    }

    /// Where the last write and record are an echo that later echo bytes may extend.
    private var openEcho: (write: Int, record: Int)?

    mutating func write(_ kind: RAPIFaceWrite.Kind, _ bytes: [UInt8], at time: SimInstant) {
        if kind == .echo, let open = openEcho, open.write == writes.count - 1, open.record == records.count - 1 {
            // Consecutive echo bytes become one write, as the receiver's batch mode does.
            writes[open.write].bytes += bytes
            records[open.record].fields = [.init("bytes", .string(writes[open.write].text))]
            return
        }
        writes.append(RAPIFaceWrite(kind, bytes))
        let write = writes[writes.count - 1]
        if kind == .echo {
            record("rapi.echo", at: time, [.init("bytes", .string(write.text))])
            openEcho = (writes.count - 1, records.count - 1)
        } else {
            record("rapi.out", at: time, [.init("line", .string(write.text)), .init("type", .string(kind.rawValue))])
        }
    }

    mutating func record(_ kind: String, at time: SimInstant, _ fields: [TraceRecord.Field]) {
        records.append(TraceRecord(time: time, source: "rapi", kind: kind, fields: fields))
    }

    /// Equal when the writes and records are.
    public static func == (lhs: RAPIFaceOutput, rhs: RAPIFaceOutput) -> Bool {
        lhs.writes == rhs.writes && lhs.records == rhs.records
    }

    /// Hashes the writes and records.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(writes)
        hasher.combine(records)
    }
}
