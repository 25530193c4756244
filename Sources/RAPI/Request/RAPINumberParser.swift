/// The firmware's decimal parsers for command arguments, faithful to their lack of validation.
///
/// open_evse `rapi_proc.cpp`. Firmware 8.2.3 (RAPI 5.2.1) parses every numeric argument with
/// `dtou32()`:
///
/// ```c
/// uint32_t u = 0;
/// while (*s) { u *= 10; u += *(s++) - '0'; }
/// ```
///
/// Every byte of the token counts, digit or not: each step is `u = u·10 + (c − 48)` in 32-bit
/// wrapping arithmetic, where `c` is a *signed* AVR `char` (so bytes ≥ 0x80 add a negative
/// amount). `"16"` is 16, `"1A"` is 1·10 + 17 = 27, `"-5"` is (−3)·10 + 5 wrapped, `""` is 0.
///
/// D9 (RAPI 6.0.0) replaced it with `dtoi32()`: one leading `-` is skipped and negates the result
/// at the end; the loop is the same in signed 32-bit arithmetic (wrapping on overflow, as the
/// AVR build does); the result is returned as the `uint32_t` bit pattern. Callers then truncate
/// (`(uint8_t)`, `(uint16_t)`) or reinterpret (`int16_t`) the value, which a command executor
/// does with `UInt8(truncatingIfNeeded:)` and friends.
public enum RAPINumberParser: String, Hashable, Sendable, Codable, CaseIterable {
    /// 8.2.3 / RAPI 5.2.1 `dtou32`: unsigned, no sign, no validation.
    case unsigned
    /// D9 / RAPI 6.0.0 `dtoi32`: an optional leading `-`, no validation.
    case signed

    /// The firmware's 32-bit result for `token` (for ``signed``, the bit pattern of the `Int32`).
    public func parse(_ token: some Collection<UInt8>) -> UInt32 {
        switch self {
        case .unsigned: Self.dtou32(token)
        case .signed: UInt32(bitPattern: Self.dtoi32(token))
        }
    }

    /// Firmware `dtou32()` (8.2.3).
    public static func dtou32(_ token: some Collection<UInt8>) -> UInt32 {
        var value: UInt32 = 0
        for c in token {
            if c == 0 { break }  // a C string ends at NUL
            value = value &* 10 &+ UInt32(bitPattern: digitStep(c))
        }
        return value
    }

    /// Firmware `dtoi32()` (D9), as the signed value it computes before returning it unsigned.
    public static func dtoi32(_ token: some Collection<UInt8>) -> Int32 {
        var bytes = token[...]
        let minus = bytes.first == UInt8(ascii: "-")
        if minus { bytes = bytes.dropFirst() }
        var value: Int32 = 0
        for c in bytes {
            if c == 0 { break }
            value = value &* 10 &+ digitStep(c)
        }
        return minus ? 0 &- value : value
    }

    /// `c - '0'` with `c` a signed AVR `char`.
    private static func digitStep(_ c: UInt8) -> Int32 {
        Int32(Int8(bitPattern: c)) - 48
    }
}
