/// The firmware's `EvseRapiProcessor::tokenize()`, run on a C-style buffer.
///
/// The buffer holds `$`, the line, a NUL where the CR was, and one more byte: the firmware may
/// read one byte past the terminator (see ``RAPILine/byteAfterTerminator``). Like the firmware it
/// works in place: spaces become NULs (each token is then a C string) and so does the checksum
/// marker. Keeping the C shape is what makes the odd cases come out right, e.g. an embedded NUL
/// ends the line early and `:` directly before `^` reads its sequence id from the checksum digits.
struct RAPITokenizer {
    /// ESRAPI_MAX_ARGS: at most 10 tokens, counting the command and the sequence-id token.
    static let maxTokens = 10

    /// What one pass over a buffer found.
    struct Scan {
        /// Index in the buffer where each token's C string starts; token 0 always starts at 1.
        var tokenStarts: [Int] = [1]
        /// The checksum marker met, if any.
        var checksum: RAPIChecksum.Kind?
        /// The value read after the marker (0 when there was none).
        var received: UInt8 = 0
        /// XOR of every byte scanned before the marker.
        var computedXOR: UInt8 = 0
        /// Sum of every byte scanned before the marker.
        var computedAdditive: UInt8 = 0
        /// A space would have started an 11th token.
        var tooManyTokens = false

        /// The firmware's verdict: no checksum, or a matching one, and not too many tokens.
        var accepted: Bool {
            if tooManyTokens { return false }
            switch checksum {
            case nil: return true
            case .xor: return received == computedXOR
            case .additive: return received == computedAdditive
            }
        }
    }

    /// Tokenizes `buffer` in place. `buffer[0]` is `$` and the line is not empty (a bare `$` has
    /// no defined behaviour in the firmware and is rejected before this). Bytes past the end of
    /// `buffer` read as NUL, so a malformed buffer can never trap.
    static func tokenize(_ buffer: inout [UInt8]) -> Scan {
        func at(_ i: Int) -> UInt8 { i < buffer.count ? buffer[i] : 0 }
        var scan = Scan()
        // The firmware seeds both sums with `$` and buf[1] and starts scanning at buf[2]: the first
        // byte after `$` is never treated as a separator or marker.
        scan.computedXOR = UInt8(ascii: "$") ^ at(1)
        scan.computedAdditive = UInt8(ascii: "$") &+ at(1)
        var s = 2
        while at(s) != 0 {
            let c = buffer[s]
            if c == UInt8(ascii: " ") {
                // open_evse `tokenize()`, ESRAPI_MAX_ARGS: the 11th token is rejected like a bad checksum.
                if scan.tokenStarts.count >= maxTokens {
                    scan.tooManyTokens = true
                    break
                }
                scan.computedXOR ^= c
                scan.computedAdditive &+= c
                buffer[s] = 0
                s += 1
                scan.tokenStarts.append(s)
            } else if c == RAPIChecksum.Kind.xor.marker || c == RAPIChecksum.Kind.additive.marker {
                scan.checksum = c == RAPIChecksum.Kind.xor.marker ? .xor : .additive
                buffer[s] = 0
                s += 1
                scan.received = RAPIChecksum.firmwareHexValue(at(s), at(s + 1))
                break
            } else {
                scan.computedXOR ^= c
                scan.computedAdditive &+= c
                s += 1
            }
        }
        return scan
    }

    /// The C string starting at `start`: bytes up to the next NUL.
    static func cString(in buffer: [UInt8], from start: Int) -> [UInt8] {
        var end = start
        while end < buffer.count && buffer[end] != 0 { end += 1 }
        return Array(buffer[start..<end])
    }
}
