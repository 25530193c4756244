import EVSEModel
import Scenario
import SimCore

/// Builds a ``ReportSession`` from trace records, one at a time, so a week-long trace is never
/// held in memory: only the readings that changed and the marks are kept.
public struct ReportCollector: Sendable {
    /// What has been gathered so far.
    public private(set) var session: ReportSession

    /// A collector for the trace with `header`.
    public init(header: TraceHeader) { session = ReportSession(header: header) }

    /// Takes one record into account.
    public mutating func add(_ record: TraceRecord) {
        let t = Double(record.time.nanoseconds) / 1e9
        session.end = max(session.end, t)
        switch record.kind {
        case "sample": addSample(record, at: t)
        case "scenario.step":
            let index = record["index"].map(Self.text) ?? "?"
            let at = record["at"].map(Self.text) ?? ""
            session.steps.append(.init(t, "step \(index) \(at)"))
        case "rapi.in":
            let line = record["line"].map(Self.text) ?? ""
            session.rapi.append(.init(t, line.trimmingLineEnds()))
        case "rapi.out" where record["type"] == .string("async"):
            let line = record["line"].map(Self.text) ?? ""
            session.rapiAsync.append(.init(t, line.trimmingLineEnds()))
        case "mqtt.receive":
            let topic = record["topic"].map(Self.text) ?? ""
            let payload = record["payload"].map(Self.text) ?? ""
            session.mqtt.append(.init(t, "\(topic) \(payload.prefix(120))"))
        case "verdict":
            session.verdicts.append(
                Verdict(
                    label: record["label"].map(Self.text) ?? "", location: record["at"].map(Self.text) ?? "",
                    time: record.time, passed: record["passed"] == .bool(true),
                    detail: record["detail"].map(Self.text) ?? ""))
        default: break
        }
    }

    mutating func addSample(_ record: TraceRecord, at t: Double) {
        for field in record.fields {
            switch (field.name, field.value) {
            case ("errors", .string(let list)):
                let active = Set(list.split(separator: ",").map(String.init))
                for i in session.errors.indices where session.errors[i].to == nil {
                    if !active.contains(session.errors[i].type) { session.errors[i].to = t }
                }
                let open = Set(session.errors.filter { $0.to == nil }.map(\.type))
                for type in list.split(separator: ",").map(String.init) where !open.contains(type) {
                    session.errors.append(.init(type: type, from: t, to: nil))
                }
            case (let name, .string(let value)): append(name, category(name, value), at: t)
            case (let name, .bool(let value)):
                append(name, name == "relay" ? (value ? 1 : 0) : category(name, value ? "true" : "false"), at: t)
            case (let name, .number(let value, _)): append(name, value, at: t)
            case (let name, .int(let value)): append(name, Double(value), at: t)
            case (_, .payload), (_, .vouchedJSON), (_, .vouchedSpacedJSON): break
            }
        }
    }

    mutating func append(_ name: String, _ value: Double, at t: Double) {
        if let last = session.series[name]?.last {
            if last.v == value { return }
            // Two samples at one instant: the later one is what held.
            if last.t == t {
                session.series[name]!.removeLast()
                append(name, value, at: t)
                return
            }
        }
        session.series[name, default: []].append(ChartPoint(t, value))
    }

    mutating func category(_ name: String, _ value: String) -> Double {
        if let i = session.categories[name]?.firstIndex(of: value) { return Double(i) }
        session.categories[name, default: []].append(value)
        return Double(session.categories[name]!.count - 1)
    }

    static func text(_ v: TraceValue) -> String {
        switch v {
        case .string(let s): s
        case .int(let i): String(i)
        case .number(let d, let decimals): decimals == 0 && d == d.rounded() ? String(Int64(d)) : String(d)
        case .bool(let b): String(b)
        case .payload(let bytes), .vouchedJSON(let bytes), .vouchedSpacedJSON(let bytes):
            String(decoding: bytes, as: UTF8.self)
        }
    }
}

extension String {
    /// The text without CR and LF at either end.
    func trimmingLineEnds() -> String {
        var s = Substring(self)
        while let c = s.last, c == "\r" || c == "\n" || c == "\r\n" { s = s.dropLast() }
        while let c = s.first, c == "\r" || c == "\n" || c == "\r\n" { s = s.dropFirst() }
        return String(s)
    }
}
