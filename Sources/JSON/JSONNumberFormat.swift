/// The two ways EVerest prints floating-point numbers: nlohmann `dump()` (most payloads) and
/// rapidyaml's `fmt::real` (the `ryml` flavour's fixed decimals).
enum JSONNumberFormat {
    /// nlohmann `dump()`: shortest round-trip digits, `.0` on integral values, plain notation
    /// for decimal exponents −4 < n ≤ 15 (value = 0.d₁d₂… × 10ⁿ), otherwise `d.ddde±XX` with
    /// at least two exponent digits; NaN and infinities become `null`.
    ///
    /// nlohmann's Grisu2 is not guaranteed to find the shortest digits; in the rare cases
    /// where it prints one digit more, our bytes differ (the value is the same).
    static func nlohmann(_ value: Double) -> String { nlohmannText(value).string }

    /// `printf("%.*f")` / rapidyaml `fmt::real`: fixed notation with `decimals` digits (clamped
    /// to 0…17), correctly rounded half-to-even from the exact binary value, so `2.675` prints
    /// `2.67` and `0.125` prints `0.12`. Negative values that round to zero keep their sign
    /// (`-0.00`), and non-finite values print `nan`/`inf`, exactly as printf does.
    static func fixed(_ value: Double, decimals: Int) -> String {
        fixedText(value, decimals: decimals)?.string ?? fixedByStrings(value, decimals: decimals)
    }

    /// ``fixed(_:decimals:)`` for the values ``fixedText(_:decimals:)`` leaves out (2^75 and
    /// beyond), and the reference the inline printing is tested against.
    static func fixedByStrings(_ value: Double, decimals: Int) -> String {
        let d = min(max(decimals, 0), 17)
        let sign = value.sign == .minus ? "-" : ""
        guard value.isFinite else { return value.isNaN ? sign + "nan" : sign + "inf" }
        let magnitude = value.magnitude
        let significand =
            UInt128(magnitude.significandBitPattern)
            | (magnitude.isNormal ? UInt128(1) << 52 : 0)
        let exponent = magnitude.isNormal ? Int(magnitude.exponentBitPattern) - 1075 : -1074
        let fraction = d == 0 ? "" : "." + String(repeating: "0", count: d)
        if exponent >= 0 {
            // An integer; no rounding is needed.
            return sign + decimalString(significand, shiftedLeftBy: exponent) + fraction
        }
        var scale: UInt128 = 1
        for _ in 0..<d { scale *= 10 }
        let quotient = roundedQuotient(significand * scale, shift: -exponent)
        let integerPart = String(quotient / scale)
        guard d > 0 else { return sign + integerPart }
        let fractionDigits = String(quotient % scale)
        return sign + integerPart + "." + String(repeating: "0", count: d - fractionDigits.count) + fractionDigits
    }

    /// `scaled / 2^shift` rounded half to even (`scaled` < 2^53 · 10^17 < 2^110, `shift` ≥ 1).
    static func roundedQuotient(_ scaled: UInt128, shift: Int) -> UInt128 {
        guard shift < 111 else { return 0 }
        var quotient = scaled >> shift
        let remainder = scaled & ((UInt128(1) << shift) - 1)
        let half = UInt128(1) << (shift - 1)
        if remainder > half || (remainder == half && quotient & 1 == 1) { quotient += 1 }
        return quotient
    }

    /// The decimal digits of `value · 2^shift`, with schoolbook doubling in base 10⁹ limbs for
    /// the (absurd, but representable) doubles beyond 2^127.
    private static func decimalString(_ value: UInt128, shiftedLeftBy shift: Int) -> String {
        if shift <= 74 { return String(value << shift) }
        var limbs: [UInt64] = []  // little-endian, base 1e9
        var v = value
        while v > 0 {
            limbs.append(UInt64(v % 1_000_000_000))
            v /= 1_000_000_000
        }
        for _ in 0..<shift {
            var carry: UInt64 = 0
            for i in limbs.indices {
                let x = limbs[i] * 2 + carry
                limbs[i] = x % 1_000_000_000
                carry = x / 1_000_000_000
            }
            if carry > 0 { limbs.append(carry) }
        }
        var text = String(limbs.last ?? 0)
        for limb in limbs.dropLast().reversed() {
            let part = String(limb)
            text += String(repeating: "0", count: 9 - part.count) + part
        }
        return text
    }
}
