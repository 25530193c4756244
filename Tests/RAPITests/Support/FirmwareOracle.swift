/// An independent model of what firmware `tokenize()` + the `processCmd()` prologue make of one
/// line, written from the C source's rules with slices instead of an in-place scan, so that the
/// fuzz test compares two different derivations of the same behaviour.
enum FirmwareOracle {
    /// The firmware's verdict on a line.
    enum Outcome: Equatable, CustomStringConvertible {
        case rejected
        case request(command: [UInt8], arguments: [[UInt8]], sequenceID: UInt8)

        var description: String {
            switch self {
            case .rejected: "rejected"
            case .request(let command, let arguments, let sequenceID):
                "request \(command) \(arguments) seq \(sequenceID)"
            }
        }
    }

    static let space = UInt8(ascii: " ")

    /// The verdict for `line` (bytes between `$` and CR) with `after` the stale byte past the
    /// terminator.
    static func verdict(line: [UInt8], after: UInt8) -> Outcome {
        if line.isEmpty { return .rejected }
        // The buffer: `$`, the line, the NUL written for CR, the stale byte.
        let wire: [UInt8] = [UInt8(ascii: "$")] + line + [0, after]
        // Scanning starts at wire[2] and stops at the first NUL.
        let scanEnd = wire[2...].firstIndex(of: 0)!
        let markerAt = wire[2..<scanEnd].firstIndex { $0 == UInt8(ascii: "^") || $0 == UInt8(ascii: "*") }
        let bodyEnd = markerAt ?? scanEnd
        let body = Array(wire[2..<bodyEnd])

        // The space that would start token 11 is the 10th space.
        if body.filter({ $0 == space }).count >= 10 { return .rejected }

        if let markerAt {
            let summed = [wire[0], wire[1]] + body
            let computed: UInt8 =
                wire[markerAt] == UInt8(ascii: "^")
                ? summed.reduce(0) { $0 ^ $1 }
                : UInt8(truncatingIfNeeded: summed.reduce(0) { $0 + Int($1) })
            if hex(wire[markerAt + 1], wire[markerAt + 2]) != computed { return .rejected }
        }

        let pieces = body.split(separator: space, omittingEmptySubsequences: false).map(Array.init)
        let first = wire[1] == 0 ? [] : [wire[1]] + pieces[0]
        var tokens = [first] + pieces.dropFirst()

        var sequenceID: UInt8 = 0
        if tokens.count > 1, let last = tokens.last, last.first == UInt8(ascii: ":") {
            let d0: UInt8 = last.count > 1 ? last[1] : 0
            let d1: UInt8 =
                switch last.count {
                case 1: wire[bodyEnd + 1]  // past the NUL that ends the token
                case 2: 0
                default: last[2]
                }
            sequenceID = hex(d0, d1)
            tokens.removeLast()
        }
        let command = [wire[1], wire[1] == 0 || first.count < 2 ? 0 : first[1]]
        return .request(command: command, arguments: Array(tokens.dropFirst()), sequenceID: sequenceID)
    }

    /// The value of up to two hex characters: NUL skipped, any other non-digit makes it 0.
    static func hex(_ a: UInt8, _ b: UInt8) -> UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        func value(_ c: UInt8) -> Int? {
            let lowered = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(c) ? c + 32 : c
            return digits.firstIndex(of: lowered)
        }
        switch (a, b) {
        case (0, 0): return 0
        case (0, _): return UInt8(value(b) ?? 0)
        case (_, 0): return UInt8(value(a) ?? 0)
        default:
            guard let high = value(a), let low = value(b) else { return 0 }
            return UInt8(high * 16 + low)
        }
    }
}
