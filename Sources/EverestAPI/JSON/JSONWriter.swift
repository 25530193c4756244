/// Writes ``JSONValue``s to bytes deterministically, in the layouts EVerest's libraries use.
///
/// Foundation's `JSONEncoder` is deliberately not used: neither its key order nor its number
/// formatting is ours to control.
public struct JSONWriter: Hashable, Sendable {
    /// How object members are ordered.
    public enum KeyOrder: Hashable, Sendable {
        /// As inserted (rapidyaml).
        case insertion
        /// By key, comparing UTF-8 bytes (nlohmann's `std::map`).
        case sorted
    }

    /// Where the separators go.
    public enum Layout: Hashable, Sendable {
        /// `{"a":1,"b":[1,2]}` — nlohmann `dump()`.
        case compact
        /// `{"a": 1,"b": [1,2]}` — rapidyaml `as_json`: a space after the colon only.
        case ryml
    }

    /// Member order.
    public var keyOrder: KeyOrder
    /// Separator layout.
    public var layout: Layout

    /// Creates a writer.
    public init(keyOrder: KeyOrder, layout: Layout) {
        self.keyOrder = keyOrder
        self.layout = layout
    }

    /// nlohmann `dump()`: sorted keys, compact.
    public static let nlohmann = JSONWriter(keyOrder: .sorted, layout: .compact)
    /// rapidyaml `as_json`: insertion order, `": "` and `,`.
    public static let ryml = JSONWriter(keyOrder: .insertion, layout: .ryml)

    /// The UTF-8 bytes of `value`.
    public func bytes(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        write(value, into: &out)
        return out
    }

    /// `value` as text.
    public func string(_ value: JSONValue) -> String { String(decoding: bytes(value), as: UTF8.self) }

    private func write(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .null: out += Array("null".utf8)
        case .bool(let b): out += Array((b ? "true" : "false").utf8)
        case .number(let number): out += Array(Self.text(of: number).utf8)
        case .string(let s): Self.writeString(s, into: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (i, element) in elements.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                write(element, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            var members = object.members
            if keyOrder == .sorted {
                members.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            }
            out.append(UInt8(ascii: "{"))
            for (i, member) in members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                Self.writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                if layout == .ryml { out.append(UInt8(ascii: " ")) }
                write(member.value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// The text of a number in its style.
    static func text(of number: JSONNumber) -> String {
        switch number {
        case .integer(let v): String(v)
        case .unsigned(let v): String(v)
        case .double(let v): JSONNumberFormat.nlohmann(v)
        case .fixed(let v, let decimals): JSONNumberFormat.fixed(v, decimals: decimals)
        }
    }

    /// nlohmann's escaping with `ensure_ascii` off: `"` `\` and the control characters, the
    /// common ones as `\b \f \n \r \t`, the rest as lower-case `\u00xx`; everything else,
    /// including `/` and non-ASCII, verbatim.
    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x08: out += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
            case 0x0C: out += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
