/// Up to 64 ASCII bytes held inline, so that printing a number allocates nothing: the text is
/// built here and then appended to a byte buffer, or made into a (small, inline) `String`.
struct InlineASCII {
    /// How many bytes fit.
    static let capacity = 64
    private var storage: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    /// How many bytes are held.
    private(set) var count = 0

    /// Appends one byte; the formatters never exceed ``capacity``.
    mutating func append(_ byte: UInt8) {
        precondition(count < Self.capacity, "InlineASCII overflow")
        let i = count
        withUnsafeMutableBytes(of: &storage) { $0[i] = byte }
        count += 1
    }

    /// Appends `n` copies of `byte`.
    mutating func append(_ byte: UInt8, count n: Int) {
        for _ in 0..<max(n, 0) { append(byte) }
    }

    /// Appends the ASCII bytes of a static string.
    mutating func append(_ text: StaticString) {
        let p = text.utf8Start
        for i in 0..<text.utf8CodeUnitCount { append(p[i]) }
    }

    /// Appends the decimal digits of `value`.
    mutating func appendDecimal(_ value: UInt64) {
        var digits = InlineASCII()
        var v = value
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(v % 10))
            v /= 10
        } while v > 0
        for i in stride(from: digits.count - 1, through: 0, by: -1) { append(digits[i]) }
    }

    /// The byte at `index`.
    subscript(index: Int) -> UInt8 { withUnsafeBytes(of: storage) { $0[index] } }

    /// Calls `body` with the bytes held.
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        withUnsafeBytes(of: storage) { body(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
    }

    /// Appends the bytes held to `out`.
    func write(into out: inout [UInt8]) { withBytes { out.append(contentsOf: $0) } }

    /// The bytes as text (inline, without allocating, up to 15 bytes).
    var string: String { withBytes { String(decoding: $0, as: UTF8.self) } }
}
