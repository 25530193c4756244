/// Writes JSON straight into a byte buffer, value by value, with no tree in between.
///
/// ``JSONWriter`` prints a ``JSONValue``, which has to be built first: for the payloads a
/// station publishes every second that tree costs more than the printing. A stream writes the
/// same bytes as ``JSONWriter`` for the same members in the same order; ordering is the
/// caller's job (an nlohmann payload names its keys in sorted order, a rapidyaml one in the
/// module's order). Numbers use the same formatters as ``JSONNumber``, without allocating.
public struct JSONStream {
    /// The bytes written so far.
    public var bytes: [UInt8]
    private let colon: StaticString
    /// Whether the next member or element needs a comma before it.
    private var needsComma = false

    /// Starts a stream in `layout`, appending to `bytes` (whose capacity is reused), with room
    /// for at least `capacity` bytes: a payload that grows from nothing is reallocated four or
    /// five times on its way to its final size.
    public init(layout: JSONWriter.Layout, reusing bytes: [UInt8] = [], capacity: Int = 0) {
        self.bytes = bytes
        self.bytes.removeAll(keepingCapacity: true)
        self.bytes.reserveCapacity(capacity)
        colon = layout == .ryml ? ": " : ":"
    }

    /// `{`.
    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    /// `}`.
    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// `[`.
    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    /// `]`.
    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// A member's key; the value written next belongs to it. Keys are ASCII names known at
    /// compile time, so they need no escaping.
    public mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: colon.utf8Start, count: colon.utf8CodeUnitCount))
        needsComma = false
    }

    /// A string, escaped as ``JSONWriter`` escapes it.
    public mutating func string(_ value: String) {
        separate()
        JSONWriter.writeString(value, into: &bytes)
        needsComma = true
    }

    /// A string written by `body` straight into the buffer, between quotes; `body` must write
    /// only characters that need no escaping (a timestamp, say).
    public mutating func plainString(_ body: (inout [UInt8]) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        body(&bytes)
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    /// An integer.
    public mutating func int(_ value: Int) {
        separate()
        Self.appendInt(Int64(value), to: &bytes)
        needsComma = true
    }

    /// An integer appended to `out` (``JSONNumber/init(_:)-(Int64)``'s text), for writers that
    /// keep their own buffer, as the trace does.
    public static func appendInt(_ value: Int64, to out: inout [UInt8]) {
        var digits = InlineASCII()
        if value < 0 { digits.append(UInt8(ascii: "-")) }
        digits.appendDecimal(value.magnitude)
        digits.write(into: &out)
    }

    /// A double as nlohmann `dump()` prints it (``JSONNumber/nlohmann(_:)``).
    public mutating func double(_ value: Double) {
        separate()
        JSONNumberFormat.nlohmannText(value).write(into: &bytes)
        needsComma = true
    }

    /// A double with `decimals` fixed decimals (``JSONNumber/fixed(_:decimals:)``).
    public mutating func fixed(_ value: Double, decimals: Int) {
        separate()
        Self.appendFixed(value, decimals: decimals, to: &bytes)
        needsComma = true
    }

    /// A double with `decimals` fixed decimals appended to `out` (``JSONNumber/fixed(_:decimals:)``'s
    /// text), for writers that keep their own buffer.
    public static func appendFixed(_ value: Double, decimals: Int, to out: inout [UInt8]) {
        if let text = JSONNumberFormat.fixedText(value, decimals: decimals) {
            text.write(into: &out)
        } else {
            out.append(contentsOf: JSONNumberFormat.fixedByStrings(value, decimals: decimals).utf8)
        }
    }

    /// A number as its text.
    public mutating func number(_ value: JSONNumber) {
        separate()
        bytes.append(contentsOf: value.text.utf8)
        needsComma = true
    }

    /// `true` or `false`.
    public mutating func bool(_ value: Bool) {
        separate()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
        needsComma = true
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }
}
