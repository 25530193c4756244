import EVSEModel
import SimCore
import Testing

@testable import RAPI

/// Random and mutated command lines, with a fixed seed, through the face on a live station with
/// EV and fault activity in between.
@Suite struct FaceFuzzTests {
    static let linesPerFirmware = 4_000

    @Test("never crashes, answers every accepted line exactly once, stays consistent", arguments: RAPIFirmware.allCases)
    func fuzz(_ firmware: RAPIFirmware) throws {
        var rng = RandomStream(seed: 0xFACE_0001, name: "rapi.face.fuzz.\(firmware.rawValue)")
        let generator = CommandLineGenerator()
        var rig = try FaceRig(profile: CommandTableFaceTests.profile(firmware), seed: 7)
        let maxLine = firmware.receiveBufferLength - 2  // bytes after `$`, CR excluded
        var replies = 0
        var silent = 0
        var echoes = 0

        for index in 0..<Self.linesPerFirmware {
            if rng.nextUnit() < 0.1 { rig.apply(generator.action(&rng)) }
            rig.run(.milliseconds(Int64(rng.nextUnit() * 2_000)))

            let line = generator.line(&rng)
            // While the controller boots, lines wait in the UART buffer and are answered after `$AB`.
            let blocked = rig.station.powered && rig.station.controller.booting
            let expected = blocked ? 0 : expectedReplies(line, maxLine: maxLine, powered: rig.station.powered)
            let recordsBefore = rig.records.count
            let bytes = generator.garbage(&rng) + [UInt8(ascii: "$")] + line + [0x0D]
            var writes: [RAPIFaceWrite] = []
            var offset = 0
            while offset < bytes.count {
                let size = 1 + Int(rng.next() % 8)
                writes += rig.feed(Array(bytes[offset..<min(offset + size, bytes.count)])).writes
                offset += size
            }
            _ = rig.take()
            echoes += writes.filter { $0.kind == .echo }.count
            let context = Comment(rawValue: "line \(index): \(RAPIFormat.escaped([UInt8(ascii: "$")] + line))")
            let got = writes.filter { $0.kind == .reply }
            #expect(got.count == expected, context)
            replies += got.count
            silent += expected == 0 ? 1 : 0
            let lineRecords = rig.records[recordsBefore...].filter { $0.kind == "rapi.in" }
            #expect(lineRecords.count == (rig.station.powered && !blocked && line.count <= maxLine ? 1 : 0), context)
            for write in writes where write.kind == .reply || write.kind == .async {
                #expect(isWellFormed(write), "\(write) after \(context)")
            }
            if rig.station.powered, !rig.station.controller.booting { try probe(&rig, context) }
        }
        #expect(replies > Self.linesPerFirmware / 2)
        #expect(echoes > 50, "echo was on for a while")
        #expect(silent > 10, "some overlong lines and reboots were generated")
    }

    /// 0 for an overlong line, an unpowered controller or `$FR`; 1 for everything else.
    func expectedReplies(_ line: [UInt8], maxLine: Int, powered: Bool) -> Int {
        guard powered, line.count <= maxLine else { return 0 }
        if case .success(let request) = RAPIRequest.parse(RAPILine(bytes: line)), request.command == "FR" {
            return 0
        }
        return 1
    }

    /// `$OK`/`$NK`/`$AT`/`$AB`, a correct upper-case XOR checksum, CR (and LF only on replies).
    func isWellFormed(_ write: RAPIFaceWrite) -> Bool {
        var bytes = write.bytes
        if write.kind == .reply, bytes.last == 0x0A { bytes.removeLast() }
        guard bytes.count >= 7, bytes.last == 0x0D, let caret = bytes.lastIndex(of: UInt8(ascii: "^")) else {
            return false
        }
        let head = String(decoding: bytes.prefix(3), as: UTF8.self)
        let allowed = write.kind == .reply ? ["$OK", "$NK"] : ["$AT", "$AB"]
        let body = bytes[..<caret]
        let digits = String(decoding: bytes[(caret + 1)..<(bytes.count - 1)], as: UTF8.self)
        return allowed.contains(head) && digits == String(signed(String(decoding: body, as: UTF8.self)).suffix(2))
    }

    /// `$GS` agrees with the station, whose own numbers stay in range.
    func probe(_ rig: inout FaceRig, _ context: Comment) throws {
        let fields = rig.query("$GS").split(separator: " ").map(String.init)
        try #require(fields.count == 4, context)
        let state = rig.station.controller.state
        #expect(UInt8(fields[0], radix: 16) == state.rawValue, context)
        #expect(fields[0] == fields[0].lowercased() && fields[0].count == 2, context)
        #expect((UInt8(fields[2], radix: 16) ?? 0xFF) <= 5, context)
        #expect(fields[3].count == 4 && UInt16(fields[3], radix: 16) != nil, context)
        let settings = rig.station.settings
        #expect((6...settings.hardwareMaxAmps).contains(settings.configuredMaxAmps), context)
        #expect((6...settings.hardwareMaxAmps).contains(rig.station.controller.capacityAmps), context)
        #expect(!(rig.station.relay.closed && !rig.station.relay.welded && rig.station.vehicle == nil && state == .c))
    }
}
