import EVSEModel
import JSON
import SimCore

/// Serialises trace records as JSON Lines, schema `evsesim/trace@1`.
///
/// The first line is a header naming the scenario, seed and start instant; every following line
/// is one record: `{"t":"12.250000000","src":"station","kind":"relay","closed":true}`. Time is
/// printed from integer nanoseconds and numbers with the decimals the record fixed, so the same
/// run always yields the same bytes.
public struct TraceWriter: Sendable {
    typealias Value = JSONValue

    public static let schema = "evsesim/trace@1"
    let writer = JSONWriter(keyOrder: .insertion, layout: .compact)

    public init() {}

    /// The header line (without newline).
    public func header(scenario: String, file: String, seed: UInt64, start: String) -> String {
        var o = JSONObject()
        o["trace"] = .string(Self.schema)
        o["scenario"] = .string(scenario)
        o["file"] = .string(file)
        o["seed"] = .number(JSONNumber(seed))
        o["start"] = .string(start)
        return writer.string(Value.object(o))
    }

    /// One record as a line (without newline).
    public func line(_ r: TraceRecord) -> String {
        var out = "{\"t\":\"" + Self.seconds(r.time) + "\",\"src\":" + writer.string(Value.string(r.source))
        out += ",\"kind\":" + writer.string(Value.string(r.kind))
        for f in r.fields {
            out += "," + writer.string(Value.string(f.name)) + ":" + writer.string(Self.json(f.value))
        }
        return out + "}"
    }

    static func json(_ v: TraceValue) -> Value {
        switch v {
        case .string(let s): .string(s)
        case .int(let i): .number(JSONNumber(i))
        case .number(let d, let decimals): d.isFinite ? .fixed(d, decimals: decimals) : .string(String(d))
        case .bool(let b): .bool(b)
        }
    }

    /// Seconds since the start with nine decimals, exact from integer nanoseconds.
    public static func seconds(_ t: SimInstant) -> String {
        let ns = t.nanoseconds
        let sign = ns < 0 ? "-" : ""
        let m = ns.magnitude
        let frac = String(m % 1_000_000_000)
        return sign + String(m / 1_000_000_000) + "." + String(repeating: "0", count: 9 - frac.count) + frac
    }
}
