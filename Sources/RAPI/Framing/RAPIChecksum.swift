/// The two RAPI line checksums and the firmware's reading of the hex digits that carry them.
///
/// open_evse `EvseRapiProcessor::tokenize()`: both sums cover every byte from the leading `$` up to, not including,
/// the `^` or `*` marker. The controller accepts either kind on a command and always answers with
/// an upper-case XOR checksum.
public enum RAPIChecksum {
    /// Which checksum a command line carried.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// `^XX`: 8-bit XOR (what every modern client sends).
        case xor
        /// `*YY`: 8-bit sum modulo 256 (legacy; the firmware's native test bench uses it).
        case additive

        /// The marker byte that introduces this checksum on the wire.
        public var marker: UInt8 {
            switch self {
            case .xor: UInt8(ascii: "^")
            case .additive: UInt8(ascii: "*")
            }
        }
    }

    /// The 8-bit XOR of `bytes`.
    public static func xor(_ bytes: some Sequence<UInt8>) -> UInt8 {
        bytes.reduce(0, ^)
    }

    /// The 8-bit (modulo 256) sum of `bytes`.
    public static func additive(_ bytes: some Sequence<UInt8>) -> UInt8 {
        bytes.reduce(0, &+)
    }

    /// The checksum of `kind` over `bytes`.
    public static func compute(_ kind: Kind, over bytes: some Sequence<UInt8>) -> UInt8 {
        switch kind {
        case .xor: xor(bytes)
        case .additive: additive(bytes)
        }
    }

    /// Signs a command the way a client does: `"$GS"` becomes `"$GS^30"` (upper-case hex, no CR).
    public static func signed(_ text: String, kind: Kind = .xor) -> String {
        let bytes = Array(text.utf8)
        return text + String(decoding: [kind.marker], as: UTF8.self)
            + RAPIFormat.upperHex2(compute(kind, over: bytes))
    }

    /// The firmware's `htou8`: the value of the (at most) two characters `first` and `second`.
    ///
    /// open_evse `tokenize()` and `htou8()`: a NUL is skipped without shifting (so a
    /// NUL followed by `7` reads as 0x07), the first character that is not a hex digit makes the
    /// whole value 0, and either case of `a`…`f` is accepted.
    public static func firmwareHexValue(_ first: UInt8, _ second: UInt8) -> UInt8 {
        var value: UInt8 = 0
        for (index, c) in [first, second].enumerated() where c != 0 {
            if index == 1 { value = value << 4 }
            guard let digit = hexDigitValue(c) else { return 0 }
            value &+= digit
        }
        return value
    }

    static func hexDigitValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
