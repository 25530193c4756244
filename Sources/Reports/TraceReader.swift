import EVSEModel
import JSON
import Scenario
import SimCore

/// Reads an `evsesim/trace@2` JSONL trace back into its header and records (README "Trace").
///
/// Numbers come back as `.number` (with the decimals they were printed with), JSON payloads as
/// `.payload`. Unknown kinds and fields are kept: a report skips what it does not chart.
public struct TraceReader: Sendable {
    /// The trace file's name, for error messages.
    public var file: String

    /// A reader for the trace named `file`.
    public init(file: String) { self.file = file }

    /// A trace that cannot be read, with where and why.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        /// `file:line`.
        public var location: String
        /// What was wrong.
        public var reason: String
        public var description: String { "\(location): \(reason)" }
    }

    /// Parses the header line.
    public func header(_ line: String) throws(Failure) -> TraceHeader {
        let value = try parse(line, number: 1)
        guard value["trace"]?.stringValue == "evsesim/trace@2" else {
            throw Failure(
                location: "\(file):1",
                reason: "expected a trace header with \"trace\":\"evsesim/trace@2\", found \(String(line.prefix(80)))")
        }
        return TraceHeader(
            scenario: value["scenario"]?.stringValue ?? "", file: value["file"]?.stringValue ?? "",
            seed: value["seed"]?.numberValue?.uint64Value ?? 0, start: value["start"]?.stringValue ?? "")
    }

    /// Parses one record line (`number` counts from 1, for messages).
    public func record(_ line: String, number: Int) throws(Failure) -> TraceRecord {
        let value = try parse(line, number: number)
        guard let object = value.objectValue, let t = value["t"]?.numberValue,
            let time = TraceWriter.instant(seconds: t.text), let source = value["src"]?.stringValue,
            let kind = value["kind"]?.stringValue
        else {
            throw Failure(location: "\(file):\(number)", reason: "expected a record with t, src and kind")
        }
        var fields: [TraceRecord.Field] = []
        for member in object.members where !["t", "src", "kind"].contains(member.key) {
            fields.append(.init(member.key, Self.value(member.value)))
        }
        return TraceRecord(time: time, source: source, kind: kind, fields: fields)
    }

    func parse(_ line: String, number: Int) throws(Failure) -> JSONValue {
        do {
            return try JSONParser(policy: .nlohmann).parse(line, file: file)
        } catch {
            throw Failure(
                location: "\(file):\(number)", reason: "not JSON: expected \(error.expected), found \(error.found)")
        }
    }

    static func value(_ v: JSONValue) -> TraceValue {
        switch v.kind {
        case .string(let s): .string(s)
        case .bool(let b): .bool(b)
        case .number(let n):
            n.int64Value.map { .int($0) }
                ?? .number(n.doubleValue, decimals: n.text.split(separator: ".").last.map(\.count) ?? 0)
        case .null, .array, .object: .payload(Array(v.jsonText.utf8))
        }
    }
}
