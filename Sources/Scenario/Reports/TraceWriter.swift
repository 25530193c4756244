import EVSEModel
public import JSON
import SimCore

/// Serialises trace records as JSON Lines, schema `evsesim/trace@2` (the README's trace section).
///
/// The first line is a header naming the scenario, seed and start instant; every following line
/// is one record: `{"t":12.25,"src":"station","kind":"relay","closed":true}`. Time is seconds
/// printed exactly from integer nanoseconds, numbers have the decimals the record fixed, and a
/// payload that is a JSON object or array is embedded as JSON, so the same run always yields the
/// same bytes.
public struct TraceWriter: Sendable {
    typealias Value = JSONValue

    public static let schema = "evsesim/trace@2"
    let writer = JSONWriter(keyOrder: .insertion, layout: .compact)

    public init() {}

    /// The header line (without newline); `extra` members follow the standard ones (a live
    /// session's recipe, see ``SessionRecipe``).
    public func header(scenario: String, file: String, seed: UInt64, start: String, extra: JSONObject = [:]) -> String {
        var o = JSONObject()
        o["trace"] = .string(Self.schema)
        o["scenario"] = .string(scenario)
        o["file"] = .string(file)
        o["seed"] = .number(JSONNumber(seed))
        o["start"] = .string(start)
        for member in extra.members { o.set(member) }
        return writer.string(Value.object(o))
    }

    /// One record as a line (without newline).
    public func line(_ r: TraceRecord) -> String {
        var out = "{\"t\":" + Self.seconds(r.time) + ",\"src\":" + writer.string(Value.string(r.source))
        out += ",\"kind\":" + writer.string(Value.string(r.kind))
        for f in r.fields {
            out += "," + writer.string(Value.string(f.name)) + ":" + text(of: f.value)
        }
        return out + "}"
    }

    func text(of v: TraceValue) -> String {
        switch v {
        case .string(let s): writer.string(.string(s))
        case .int(let i): writer.string(.number(JSONNumber(i)))
        case .number(let d, let decimals):
            writer.string(d.isFinite ? .fixed(d, decimals: decimals) : .string(String(d)))
        case .bool(let b): writer.string(.bool(b))
        case .payload(let bytes): Self.embedded(bytes) ?? writer.string(.string(String(decoding: bytes, as: UTF8.self)))
        }
    }

    /// A payload that is a JSON object or array, written compactly (members in order, numbers as
    /// written); nil for anything else. Scalars stay strings, so a payload `16` and a payload
    /// `"16"` remain told apart.
    static func embedded(_ bytes: [UInt8]) -> String? {
        guard let first = bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }),
            first == UInt8(ascii: "{") || first == UInt8(ascii: "["),
            let value = try? JSONParser().parse(bytes, file: "payload")
        else { return nil }
        return value.jsonText
    }

    /// Seconds since the start as a JSON number, exact from integer nanoseconds: `12.5`, `0`,
    /// `86400.123456789` (no trailing zeros, no floating point on the way).
    public static func seconds(_ t: SimInstant) -> String {
        let ns = t.nanoseconds
        let sign = ns < 0 ? "-" : ""
        let m = ns.magnitude
        let whole = sign + String(m / 1_000_000_000)
        guard m % 1_000_000_000 != 0 else { return whole }
        var frac = String(m % 1_000_000_000)
        frac = String(repeating: "0", count: 9 - frac.count) + frac
        while frac.last == "0" { frac.removeLast() }
        return whole + "." + frac
    }
}
