/// Writes ``JSONValue``s deterministically into a byte buffer, in the layouts the faces need:
/// EVerest's libraries (nlohmann, rapidyaml) and our own compact text for traces and messages.
///
/// Numbers are printed as their text (see ``JSONNumber``), so the style is chosen when a
/// number is made. Foundation's `JSONEncoder` is deliberately not used: neither its key order
/// nor its number formatting is ours to control.
public struct JSONWriter: Hashable, Sendable {
    /// How object members are ordered.
    public enum KeyOrder: Hashable, Sendable {
        /// As inserted (rapidyaml, traces, scenario payloads).
        case insertion
        /// By key, comparing UTF-8 bytes (nlohmann's `std::map`).
        case sorted
    }

    /// Where the separators go.
    public enum Layout: Hashable, Sendable {
        /// `{"a":1,"b":[1,2]}`: nlohmann `dump()`.
        case compact
        /// `{"a": 1,"b": [1,2]}`: rapidyaml `as_json`, a space after the colon only.
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
    /// Insertion order, compact: traces, scenario payloads, messages.
    public static let compact = JSONWriter(keyOrder: .insertion, layout: .compact)

    /// The UTF-8 bytes of `value`.
    public func bytes(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        write(value, into: &out)
        return out
    }

    /// `value` as text.
    public func string(_ value: JSONValue) -> String { String(decoding: bytes(value), as: UTF8.self) }

    /// Appends the UTF-8 bytes of `value` to `out`.
    public func write(_ value: JSONValue, into out: inout [UInt8]) {
        switch value.kind {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let number): out.append(contentsOf: number.text.utf8)
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

    /// nlohmann's escaping with `ensure_ascii` off: `"` `\` and the control characters, the
    /// common ones as `\b \f \n \r \t`, the rest as lower-case `\u00xx`; everything else,
    /// including `/` and non-ASCII, verbatim.
    public static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most strings (keys, states, names) need no escape: copy them in one go.
        let plain = s.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard !bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") })
            else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if plain == true {
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in s.utf8 {
            let escaped: UInt8
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): escaped = byte
            case 0x08: escaped = UInt8(ascii: "b")
            case 0x0C: escaped = UInt8(ascii: "f")
            case 0x0A: escaped = UInt8(ascii: "n")
            case 0x0D: escaped = UInt8(ascii: "r")
            case 0x09: escaped = UInt8(ascii: "t")
            case 0..<0x20:
                let hex: StaticString = "0123456789abcdef"
                out.append(contentsOf: "\\u00".utf8)
                out.append(hex.utf8Start[Int(byte >> 4)])
                out.append(hex.utf8Start[Int(byte & 0xF)])
                continue
            default:
                out.append(byte)
                continue
            }
            out.append(UInt8(ascii: "\\"))
            out.append(escaped)
        }
        out.append(UInt8(ascii: "\""))
    }
}
