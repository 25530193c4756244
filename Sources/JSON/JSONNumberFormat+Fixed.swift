extension JSONNumberFormat {
    /// Appends `printf("%.*f")` text of `value` (``fixed(_:decimals:)``) to `out` for the values
    /// a station prints, and returns true: finite, below 2^52 in magnitude, with at most three
    /// decimals. Returns false, with `out` unchanged, for any other value.
    ///
    /// The significand (53 bits) times 10³ fits in 64 bits, so the exact rounding of
    /// ``fixedText(_:decimals:)`` takes 64-bit arithmetic here, and the digits go backwards into
    /// a buffer on the stack and are appended at once: the meter, telemetry and limits print
    /// seven such numbers a second, and building them in 128 bits and an inline buffer that was
    /// copied on return was a twentieth of a day traced with every publication.
    static func appendFixed(_ value: Double, decimals d: Int, to out: inout [UInt8]) -> Bool {
        guard value.isFinite, (0...3).contains(d) else { return false }
        let magnitude = value.magnitude
        let significand = magnitude.significandBitPattern | (magnitude.isNormal ? 1 << 52 : 0)
        let exponent = magnitude.isNormal ? Int(magnitude.exponentBitPattern) - 1075 : -1074
        guard exponent < 0 else { return false }
        let scale: UInt64 = d == 0 ? 1 : d == 1 ? 10 : d == 2 ? 100 : 1000
        let scaled = significand * scale
        let shift = -exponent
        var quotient: UInt64 = 0
        if shift < 64 {
            // Round half to even on the exact value, as `fixedText` does in 128 bits.
            quotient = scaled >> shift
            let remainder = scaled & ((1 << shift) - 1)
            let half: UInt64 = 1 << (shift - 1)
            if remainder > half || (remainder == half && quotient & 1 == 1) { quotient += 1 }
        }
        // shift ≥ 64: `scaled` < 2^63 ≤ half, so the value rounds to zero.
        let negative = value.sign == .minus
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buf in
            var start = buf.count
            func put(_ byte: UInt8) {
                start -= 1
                buf[start] = byte
            }
            var fraction = quotient % scale
            for _ in 0..<d {
                put(UInt8(ascii: "0") + UInt8(fraction % 10))
                fraction /= 10
            }
            if d > 0 { put(UInt8(ascii: ".")) }
            putDigits(of: quotient / scale, into: buf, before: &start)
            if negative { put(UInt8(ascii: "-")) }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start...]))
        }
        return true
    }

    /// Writes the decimal digits of `value` into `buffer` backwards, ending just before `end`,
    /// and moves `end` to the first of them (a printer that builds its text from the right).
    static func putDigits(of value: UInt64, into buffer: UnsafeMutableBufferPointer<UInt8>, before end: inout Int) {
        var v = value
        repeat {
            end -= 1
            buffer[end] = UInt8(ascii: "0") + UInt8(v % 10)
            v /= 10
        } while v > 0
    }
}
