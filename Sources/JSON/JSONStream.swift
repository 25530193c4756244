/// Writes JSON straight into a byte buffer, value by value, with no tree in between.
///
/// ``JSONWriter`` prints a ``JSONValue``, which has to be built first: for the payloads a
/// station publishes every second that tree costs more than the printing. A stream writes the
/// same bytes as ``JSONWriter`` for the same members in the same order; ordering is the
/// caller's job (an nlohmann payload names its keys in sorted order, a rapidyaml one in the
/// module's order). Numbers use the same formatters as ``JSONNumber``, without allocating.
public struct JSONStream {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8]
    private let colon: StaticString
    /// Whether the next member or element needs a comma before it.
    private var needsComma = false
    /// Whether every string and number written so far is one ``JSONCompaction`` copies as it is
    /// (printable ASCII strings without escapes, numbers without exponent), and, in a spaced
    /// layout, no string holds a space: then the document, whose keys are the caller's distinct
    /// names, is its own compact text once every space is dropped
    /// (``JSONCompaction/appendVouched(_:to:)``), and a trace can embed it without checking it again.
    public private(set) var isPlain = true
    /// Whether the layout puts spaces between tokens (then a string with a space is not plain).
    private let spaced: Bool
    /// The last ``fixed(_:decimals:)`` number: its bits, decimals and where its text is.
    private var lastFixed: (bits: UInt64, decimals: Int, start: Int, end: Int)?

    /// Starts a stream in `layout`, appending to `bytes` (whose capacity is reused), with room
    /// for at least `capacity` bytes: a payload that grows from nothing is reallocated four or
    /// five times on its way to its final size.
    public init(layout: JSONWriter.Layout, reusing bytes: [UInt8] = [], capacity: Int = 0) {
        self.bytes = bytes
        self.bytes.removeAll(keepingCapacity: true)
        self.bytes.reserveCapacity(capacity)
        colon = layout == .ryml ? ": " : ":"
        spaced = layout == .ryml
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
        // Put together on the stack and appended at once: five appends, each checking the
        // buffer's uniqueness and capacity, were a twentieth of a day traced with every publication.
        let n = name.utf8CodeUnitCount
        let c = colon.utf8CodeUnitCount
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: n + c + 3) { buf in
            var i = 0
            if needsComma {
                buf[0] = UInt8(ascii: ",")
                i = 1
            }
            buf[i] = UInt8(ascii: "\"")
            UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(buf)[(i + 1)...])
                .copyMemory(from: UnsafeRawBufferPointer(start: name.utf8Start, count: n))
            i += n + 1
            buf[i] = UInt8(ascii: "\"")
            UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(buf)[(i + 1)...])
                .copyMemory(from: UnsafeRawBufferPointer(start: colon.utf8Start, count: c))
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[..<(i + 1 + c)]))
        }
        needsComma = false
    }

    /// A string, escaped as ``JSONWriter`` escapes it.
    public mutating func string(_ value: String) {
        separate()
        let start = bytes.count
        JSONWriter.writeString(value, into: &bytes)
        // Read back between the quotes: an escape shows as a backslash, and a byte array reads
        // faster than a string's UTF-8 view.
        if isPlain { checkString(from: start + 1, to: bytes.count - 1) }
        needsComma = true
    }

    /// A string written by `body` straight into the buffer, between quotes; `body` must write
    /// only characters that need no escaping (a timestamp, say).
    public mutating func plainString(_ body: (inout [UInt8]) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        let start = bytes.count
        body(&bytes)
        if isPlain { checkString(from: start, to: bytes.count) }
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
        // Backwards into a buffer on the stack, appended at once (counters go out every second).
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buf in
            var start = buf.count
            JSONNumberFormat.putDigits(of: value.magnitude, into: buf, before: &start)
            if value < 0 {
                start -= 1
                buf[start] = UInt8(ascii: "-")
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start...]))
        }
    }

    /// A double as nlohmann `dump()` prints it (``JSONNumber/nlohmann(_:)``).
    public mutating func double(_ value: Double) {
        separate()
        let start = bytes.count
        JSONNumberFormat.nlohmannText(value).write(into: &bytes)
        checkNumber(from: start)
        needsComma = true
    }

    /// A double with `decimals` fixed decimals (``JSONNumber/fixed(_:decimals:)``).
    public mutating func fixed(_ value: Double, decimals: Int) {
        separate()
        let start = bytes.count
        if let last = lastFixed, last.bits == value.bitPattern, last.decimals == decimals {
            // The same number again (a one-phase meter's total and L1): its text is copied, by
            // way of the stack, since a slice of `bytes` would share the buffer being appended to.
            let count = last.end - last.start
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { buf in
                for i in 0..<count { buf[i] = bytes[last.start + i] }
                bytes.append(contentsOf: UnsafeBufferPointer(buf))
            }
        } else if !JSONNumberFormat.appendFixed(value, decimals: decimals, to: &bytes) {
            // (What the 64-bit printer writes is digits, a sign and a point: plain, unchecked.)
            Self.appendWideFixed(value, decimals: decimals, to: &bytes)
            checkNumber(from: start)
        }
        lastFixed = (value.bitPattern, decimals, start, bytes.count)
        needsComma = true
    }

    /// A double with `decimals` fixed decimals appended to `out` (``JSONNumber/fixed(_:decimals:)``'s
    /// text), for writers that keep their own buffer.
    public static func appendFixed(_ value: Double, decimals: Int, to out: inout [UInt8]) {
        if !JSONNumberFormat.appendFixed(value, decimals: decimals, to: &out) {
            appendWideFixed(value, decimals: decimals, to: &out)
        }
    }

    /// ``appendFixed(_:decimals:to:)`` for what the 64-bit printer leaves: in 128 bits, or by
    /// strings beyond 2^75.
    private static func appendWideFixed(_ value: Double, decimals: Int, to out: inout [UInt8]) {
        if let text = JSONNumberFormat.fixedText(value, decimals: decimals) {
            text.write(into: &out)
        } else {
            out.append(contentsOf: JSONNumberFormat.fixedByStrings(value, decimals: decimals).utf8)
        }
    }

    /// A number as its text.
    public mutating func number(_ value: JSONNumber) {
        separate()
        let start = bytes.count
        bytes.append(contentsOf: value.text.utf8)
        checkNumber(from: start)
        needsComma = true
    }

    /// `true` or `false`.
    public mutating func bool(_ value: Bool) {
        separate()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
        needsComma = true
    }

    /// A string is plain when its bytes are (and hold no space, in a spaced layout).
    private mutating func checkString(from start: Int, to end: Int) {
        let string = bytes[start..<end]
        isPlain =
            spaced
            ? string.allSatisfy { JSONCompaction.isPlainStringByte($0) && $0 != 0x20 }
            : string.allSatisfy(JSONCompaction.isPlainStringByte)
    }

    /// A number is plain when it is digits with at most a sign and a point: an exponent, `null`
    /// for a non-finite value or anything else leaves the fast path.
    private mutating func checkNumber(from start: Int) {
        guard isPlain else { return }
        isPlain = bytes.withUnsafeBufferPointer {
            JSONCompaction.isPlainNumber(UnsafeBufferPointer(rebasing: $0[start...]))
        }
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }
}
