import EVSEModel
import SimCore
import Testing

@testable import RAPI

/// Random and mutated command lines, with a fixed seed, through receiver and parser, checked
/// against ``FirmwareOracle``.
@Suite struct FuzzTests {
    static let linesPerRun = 12_000

    @Test(
        "receiver and parser agree with the oracle on random lines",
        arguments: [
            (RAPIFirmware.openEVSE823US, RAPIQuirks.firmware),
            (.d9940, .firmware),
            (.openEVSE823EU, .none),
        ])
    func fuzz(firmware: RAPIFirmware, quirks: RAPIQuirks) throws {
        var fuzzer = LineFuzzer(rng: RandomStream(seed: 0x5241_5049, name: "rapi.fuzz.\(firmware.rawValue)"))
        let configuration = RAPILineReceiver.Configuration(firmware: firmware, quirks: quirks)
        let maxLine = configuration.bufferLength - 2  // bytes after `$`, CR excluded

        var lines: [[UInt8]] = []
        var stream: [UInt8] = []
        for _ in 0..<Self.linesPerRun {
            let line = fuzzer.line(maxLength: configuration.bufferLength + 8)
            lines.append(line)
            stream += fuzzer.garbage() + [UInt8(ascii: "$")] + line + [0x0D]
        }

        var receiver = RAPILineReceiver(configuration: configuration, echo: true)
        var outputs: [RAPIReceiverOutput] = []
        var offset = 0
        while offset < stream.count {
            let size = fuzzer.int(1...24)
            outputs += receiver.receive(stream[offset..<min(offset + size, stream.count)])
            offset += size
        }
        #expect(outputs.echoed == stream)

        let events = outputs.filter {
            if case .echo = $0 { return false }
            return true
        }
        try #require(events.count == lines.count, "one event per line")

        var accepted = 0
        var rejected = 0
        for (line, event) in zip(lines, events) {
            switch event {
            case .line(let received):
                #expect(line.count <= maxLine, "a \(line.count)-byte line was delivered")
                #expect(received.bytes == line)
                let expected = FirmwareOracle.verdict(line: received.bytes, after: received.byteAfterTerminator)
                let actual: FirmwareOracle.Outcome
                do {
                    let request = try RAPIRequest(line: received)
                    actual = .request(
                        command: [request.command.first, request.command.second],
                        arguments: request.arguments.map(\.bytes), sequenceID: request.sequenceID ?? 0)
                    accepted += 1
                } catch {
                    actual = .rejected
                    rejected += 1
                }
                #expect(actual == expected, "\(received)")
            case .overlong(let dropped):
                #expect(line.count > maxLine, "a \(line.count)-byte line was dropped")
                #expect(dropped.prefix == Array(line.prefix(configuration.bufferLength - 1)))
                #expect(dropped.requiresReply == !quirks.silentOverlongDrop)
            case .echo:
                Issue.record("echo outputs were filtered out")
            }
        }
        // The generator must exercise both outcomes in quantity for the comparison to mean much.
        #expect(accepted > Self.linesPerRun / 10)
        #expect(rejected > Self.linesPerRun / 10)
    }
}

/// Generates command-like lines (never containing `$` or CR) and inter-line garbage.
struct LineFuzzer {
    var rng: RandomStream

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(rng.next() % UInt64(range.count))
    }

    mutating func chance(_ probability: Double) -> Bool { rng.nextUnit() < probability }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    static let codes = RAPICommandTable.commands.map { "\($0.code)" } + ["XX", "gs", "G", ""]
    static let specials: [UInt8] = Array(" ^*:0aF".utf8) + [0x00, 0x0A, 0xFE, 0x80, 0x7F]

    /// Bytes outside a line: anything but `$`.
    mutating func garbage() -> [UInt8] {
        (0..<int(0...3)).map { _ in clean(UInt8(truncatingIfNeeded: rng.next())) }
    }

    mutating func line(maxLength: Int) -> [UInt8] {
        var bytes: [UInt8]
        switch int(0...9) {
        case 0:
            bytes = (0..<int(0...maxLength)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        case 1:
            bytes = (0..<int(0...maxLength)).map { _ in pick(Self.specials + Array("GS 1".utf8)) }
        default:
            bytes = commandLike()
        }
        for _ in 0..<(chance(0.4) ? int(1...3) : 0) { mutate(&bytes) }
        return Array(bytes.prefix(maxLength).map(clean))
    }

    /// A plausible command: code, arguments, maybe a sequence id, maybe a checksum.
    private mutating func commandLike() -> [UInt8] {
        var text = "$" + pick(Self.codes)
        for _ in 0..<(chance(0.2) ? int(8...11) : int(0...3)) {
            text += " " + pick(["16", "V", "M", "0", "1", "165", "", "A", "-5", "E", "8000"])
        }
        if chance(0.3) { text += " :" + pick(["12", "ab", "AB", "00", "zz", "1", "", "fF0"]) }
        var bytes = Array(text.utf8)
        if chance(0.75) {
            let kind: RAPIChecksum.Kind = chance(0.7) ? .xor : .additive
            let sum = RAPIChecksum.compute(kind, over: bytes)
            var digits = Array(RAPIFormat.upperHex2(chance(0.8) ? sum : sum &+ 1).utf8)
            if chance(0.3) { digits = digits.map { $0 >= 0x41 ? $0 | 0x20 : $0 } }  // lower-case
            if chance(0.1) { digits = Array(digits.prefix(int(0...1))) }
            bytes += [kind.marker] + digits
        }
        return Array(bytes.dropFirst())  // the receiver never includes `$`
    }

    private mutating func mutate(_ bytes: inout [UInt8]) {
        let position = int(0...bytes.count)
        switch int(0...3) {
        case 0 where position < bytes.count: bytes[position] = UInt8(truncatingIfNeeded: rng.next())
        case 1: bytes.insert(pick(Self.specials), at: position)
        case 2 where position < bytes.count: bytes.remove(at: position)
        default: bytes += (0..<int(1...6)).map { _ in pick(Self.specials) }
        }
    }

    /// Keeps `$` and CR out: they would split the line into two.
    private func clean(_ byte: UInt8) -> UInt8 {
        byte == UInt8(ascii: "$") || byte == 0x0D ? byte ^ 0x40 : byte
    }
}
