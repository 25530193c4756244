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
        var out: [UInt8] = []
        append(r, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends one record (without newline) to `out`: the same bytes as ``line(_:)``, with no
    /// intermediate strings, for writers that keep one buffer. (``TraceLineWriter`` writes the
    /// same bytes from the parts below, remembering those it wrote before.)
    public func append(_ r: TraceRecord, to out: inout [UInt8]) {
        Self.append(#"{"t":"#, to: &out)
        Self.appendSeconds(r.time, to: &out)
        appendHead(r, to: &out)
        for f in r.fields { appendField(f, to: &out) }
        out.append(UInt8(ascii: "}"))
    }

    /// Appends text known at compile time (a `String`'s UTF-8 view is appended byte by byte).
    static func append(_ text: StaticString, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// `,"src":…,"kind":…`
    func appendHead(_ r: TraceRecord, to out: inout [UInt8]) {
        out.append(contentsOf: #","src":"#.utf8)
        JSONWriter.writeString(r.source, into: &out)
        out.append(contentsOf: #","kind":"#.utf8)
        JSONWriter.writeString(r.kind, into: &out)
    }

    /// `,"name":value`
    func appendField(_ f: TraceRecord.Field, to out: inout [UInt8]) {
        out.append(UInt8(ascii: ","))
        JSONWriter.writeString(f.name, into: &out)
        out.append(UInt8(ascii: ":"))
        append(f.value, to: &out)
    }

    func text(of v: TraceValue) -> String {
        var out: [UInt8] = []
        append(v, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    func append(_ v: TraceValue, to out: inout [UInt8]) {
        switch v {
        case .string(let s): JSONWriter.writeString(s, into: &out)
        case .int(let i): JSONStream.appendInt(i, to: &out)
        case .number(let d, let decimals):
            if d.isFinite {
                JSONStream.appendFixed(d, decimals: decimals, to: &out)
            } else {
                JSONWriter.writeString(String(d), into: &out)
            }
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .payload(let bytes):
            guard !Self.appendEmbedded(bytes, to: &out) else { return }
            Self.appendText(bytes, to: &out)
        // What `appendEmbedded` gives for these, without checking them again.
        case .vouchedJSON(let bytes): out.append(contentsOf: bytes)
        case .vouchedSpacedJSON(let bytes): JSONCompaction.appendVouched(bytes, to: &out)
        }
    }

    /// A payload that is no JSON object or array, as a JSON string of its text (invalid UTF-8
    /// becomes U+FFFD). Printable ASCII without quotes or backslashes (timestamps, names, states:
    /// every raw payload of the faces) is its own escaped text and is copied without making a
    /// `String` first.
    static func appendText(_ bytes: [UInt8], to out: inout [UInt8]) {
        guard bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x80 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") })
        else { return JSONWriter.writeString(String(decoding: bytes, as: UTF8.self), into: &out) }
        out.append(UInt8(ascii: "\""))
        out.append(contentsOf: bytes)
        out.append(UInt8(ascii: "\""))
    }

    /// A payload that is a JSON object or array, written compactly (members in order, numbers as
    /// written); nil for anything else. Scalars stay strings, so a payload `16` and a payload
    /// `"16"` remain told apart.
    static func embedded(_ bytes: [UInt8]) -> String? {
        var out: [UInt8] = []
        return appendEmbedded(bytes, to: &out) ? String(decoding: out, as: UTF8.self) : nil
    }

    /// ``embedded(_:)`` appended to `out`; false (and `out` unchanged) for anything else. Plain
    /// payloads take ``JSONCompaction``'s fast path; the rest are parsed and rewritten.
    static func appendEmbedded(_ bytes: [UInt8], to out: inout [UInt8]) -> Bool {
        guard let first = bytes.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }),
            first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
        else { return false }
        if JSONCompaction.append(bytes, to: &out) { return true }
        guard let value = try? JSONParser().parse(bytes, file: "payload") else { return false }
        JSONWriter.compact.write(value, into: &out)
        return true
    }

    /// Seconds since the start as a JSON number, exact from integer nanoseconds: `12.5`, `0`,
    /// `86400.123456789` (no trailing zeros, no floating point on the way).
    public static func seconds(_ t: SimInstant) -> String {
        var out: [UInt8] = []
        appendSeconds(t, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The inverse of ``seconds(_:)``: `12.5`, `-3`, `86400.123456789` back to exact nanoseconds,
    /// without floating point; nil for anything ``seconds(_:)`` does not print.
    public static func instant(seconds text: String) -> SimInstant? {
        let negative = text.hasPrefix("-")
        let parts = text.dropFirst(negative ? 1 : 0).split(separator: ".", omittingEmptySubsequences: false)
        func digits(_ s: Substring) -> Bool { !s.isEmpty && s.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        guard (1...2).contains(parts.count), digits(parts[0]), let whole = Int64(parts[0]) else { return nil }
        var ns = whole * 1_000_000_000
        if parts.count == 2 {
            let fraction = parts[1]
            guard fraction.count <= 9, digits(fraction), var f = Int64(fraction) else { return nil }
            for _ in fraction.count..<9 { f *= 10 }
            ns += f
        }
        return SimInstant(nanoseconds: negative ? -ns : ns)
    }

    /// ``seconds(_:)`` appended to `out`: printed backwards into a stack buffer (at most a sign,
    /// ten digits, a point and nine digits), then appended at once.
    public static func appendSeconds(_ t: SimInstant, to out: inout [UInt8]) {
        let ns = t.nanoseconds
        let m = ns.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buf in
            var start = buf.count
            func put(_ byte: UInt8) {
                start -= 1
                buf[start] = byte
            }
            var frac = m % 1_000_000_000
            if frac != 0 {
                var width = 9
                while frac % 10 == 0 {
                    frac /= 10
                    width -= 1
                }
                for _ in 0..<width {
                    put(UInt8(ascii: "0") + UInt8(frac % 10))
                    frac /= 10
                }
                put(UInt8(ascii: "."))
            }
            var whole = m / 1_000_000_000
            repeat {
                put(UInt8(ascii: "0") + UInt8(whole % 10))
                whole /= 10
            } while whole > 0
            if ns < 0 { put(UInt8(ascii: "-")) }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start...]))
        }
    }

    /// ``seconds(_:)`` by string operations: the reference the byte printing is tested against.
    static func secondsByStrings(_ t: SimInstant) -> String {
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
