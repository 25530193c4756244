extension JSONNumberFormat {
    /// nlohmann `dump()` text of `value` (see ``nlohmann(_:)``), built without allocating.
    static func nlohmannText(_ value: Double) -> InlineASCII {
        var out = InlineASCII()
        guard value.isFinite else {
            out.append("null")
            return out
        }
        if value.sign == .minus { out.append(UInt8(ascii: "-")) }
        guard value != 0 else {
            out.append("0.0")
            return out
        }
        let digits = ShortestDigits(value.magnitude)
        let k = digits.count
        let n = digits.pointPosition
        if k <= n && n <= 15 {
            for i in 0..<k { out.append(digits[i]) }
            out.append(UInt8(ascii: "0"), count: n - k)
            out.append(".0")
        } else if 0 < n && n <= 15 {
            for i in 0..<n { out.append(digits[i]) }
            out.append(UInt8(ascii: "."))
            for i in n..<k { out.append(digits[i]) }
        } else if -4 < n && n <= 0 {
            out.append("0.")
            out.append(UInt8(ascii: "0"), count: -n)
            for i in 0..<k { out.append(digits[i]) }
        } else {
            out.append(digits[0])
            if k > 1 {
                out.append(UInt8(ascii: "."))
                for i in 1..<k { out.append(digits[i]) }
            }
            let e = n - 1
            out.append(UInt8(ascii: "e"))
            out.append(e < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            if e.magnitude < 10 { out.append(UInt8(ascii: "0")) }
            out.appendDecimal(UInt64(e.magnitude))
        }
        return out
    }

    /// `printf("%.*f")` text of `value` (see ``fixed(_:decimals:)``), built without allocating
    /// for every value below 2^75; `nil` beyond, where ``fixed(_:decimals:)`` prints the
    /// (up to 309) integer digits.
    static func fixedText(_ value: Double, decimals: Int) -> InlineASCII? {
        let d = min(max(decimals, 0), 17)
        var out = InlineASCII()
        if value.sign == .minus { out.append(UInt8(ascii: "-")) }
        guard value.isFinite else {
            out.append(value.isNaN ? "nan" : "inf")
            return out
        }
        let magnitude = value.magnitude
        let significand =
            UInt128(magnitude.significandBitPattern)
            | (magnitude.isNormal ? UInt128(1) << 52 : 0)
        let exponent = magnitude.isNormal ? Int(magnitude.exponentBitPattern) - 1075 : -1074
        guard exponent <= 22 else { return nil }
        var scale: UInt64 = 1
        for _ in 0..<d { scale *= 10 }
        var integerPart: UInt128
        var fraction: UInt64 = 0
        if exponent >= 0 {
            integerPart = significand << exponent
        } else {
            let quotient = roundedQuotient(significand * UInt128(scale), shift: -exponent)
            if let small = UInt64(exactly: quotient) {
                // Every reading a station prints: 64-bit division instead of a 128-bit one,
                // which is a call into the runtime.
                integerPart = UInt128(small / scale)
                fraction = small % scale
            } else {
                integerPart = quotient / UInt128(scale)
                fraction = UInt64(quotient % UInt128(scale))
            }
        }
        appendDecimal(integerPart, to: &out)
        if d > 0 {
            out.append(UInt8(ascii: "."))
            var digits = InlineASCII()
            digits.appendDecimal(fraction)
            out.append(UInt8(ascii: "0"), count: d - digits.count)
            for i in 0..<digits.count { out.append(digits[i]) }
        }
        return out
    }

    /// The decimal digits of a value below 2^75 (at most 23 digits).
    private static func appendDecimal(_ value: UInt128, to out: inout InlineASCII) {
        let base: UInt128 = 10_000_000_000_000_000_000  // 10^19
        if value < base {
            out.appendDecimal(UInt64(value))
            return
        }
        out.appendDecimal(UInt64(value / base))
        var low = InlineASCII()
        low.appendDecimal(UInt64(value % base))
        out.append(UInt8(ascii: "0"), count: 19 - low.count)
        for i in 0..<low.count { out.append(low[i]) }
    }
}
