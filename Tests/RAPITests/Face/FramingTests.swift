import EVSEModel
import SimCore
import Testing

@testable import RAPI

/// Checksums, sequence ids, line limits and echo through the face (open_evse `rapi_proc.cpp`).
@Suite struct FramingTests {
    static let lines: [(String, [String])] = [
        ("$GS*BE", ["$OK 01 0 01 0200^12\\r"]),  // additive checksum
        ("$GS*BF", ["$NK^21\\r"]),
        ("$GS", ["$OK 01 0 01 0200^12\\r"]),  // no checksum: accepted
        ("$GV^35junk", ["$OK 8.2.3 5.2.1^2F\\r"]),  // after two digits: ignored
        (signed("$GSX"), ["$OK 01 0 01 0200^12\\r"]),  // only two command letters count
        ("$gs^10", ["$NK^21\\r"]),  // lower case is unknown
        ("$GS :ab", [wire("$OK 01 0 01 0200 :AB")]),  // seq id echoed upper case
        ("$GS :00", ["$OK 01 0 01 0200^12\\r"]),  // 00: no id
        ("$GS :12^28", ["$NK^21\\r"]),  // bad checksum: no id
        ("$XX :12", [wire("$NK :12")]),  // unknown command: id kept
        ("$S2 1 :05", [wire("$NK :05")]),  // compiled out
        ("$SC :07", [wire("$NK :07")]),  // wrong count
        ("$SC 16 V :07", [wire("$OK 16 :07"), wire("$AT 01 01 16 0200")]),
        ("$GE 1 2 3 4 5 6 7 8 9", [wire("$OK 32 0001")]),  // 10 tokens
        ("$GE 1 2 3 4 5 6 7 8 9 10", ["$NK^21\\r"]),  // 11 tokens
        ("$GE 1 2 3 4 5 6 7 8 :3A", [wire("$OK 32 0001 :3A")]),  // the id counts as a token
        ("$SC 16  V", [wire("$NK")]),  // two spaces: an empty token, 4 tokens
        ("$", ["$NK^21\\r"]),
        ("$1234567890123456789012345678901", []),  // 32 characters: dropped silently
        ("$123456789012345678901234567890", ["$NK^21\\r"]),  // 31: answered
    ]

    @Test("line rules", arguments: lines)
    func line(line: String, expected: [String]) throws {
        var rig = try FaceRig()
        rig.run(.seconds(1))
        _ = rig.take()
        #expect(rig.send(line) == expected)
    }

    @Test("every line in and out is a trace record with readable text")
    func records() throws {
        var rig = try FaceRig()
        rig.run(.seconds(1))
        rig.records.removeAll()
        rig.send("$SC 5 V^57")
        rig.send("$GS^31")
        rig.send("$1234567890123456789012345678901")
        let summary = rig.records.map { record in
            "\(record.source) \(record.kind) " + record.fields.map { "\($0.value)" }.joined(separator: " | ")
        }
        #expect(
            summary == [
                "rapi rapi.in string(\"$SC 5 V^57\")",
                "rapi rapi.out string(\"$NK 6^37\\\\r\") | string(\"reply\")",
                "rapi rapi.out string(\"\(wire("$AT 01 01 6 0200").replacingBackslashes)\") | string(\"async\")",
                "rapi rapi.in string(\"$GS^31\")",
                "rapi rapi.reject string(\"$GS^31\") | string(\"`$GS^31` rejected: XOR checksum ^31 does not match the computed ^30\")",
                "rapi rapi.out string(\"$NK^21\\\\r\") | string(\"reply\")",
                "rapi rapi.drop string(\"$1234567890123456789012345678901…\") | string(\"overlong\")",
            ])
        #expect(rig.records.allSatisfy { $0.time == rig.station.now })
    }

    @Test("with silentOverlongDrop off, an overlong line is answered $NK at its CR")
    func overlongAnswered() throws {
        var profile = StationProfile()
        profile.rapiQuirks.silentOverlongDrop = false
        var rig = try FaceRig(profile: profile)
        rig.run(.seconds(1))
        _ = rig.take()
        #expect(rig.send("$1234567890123456789012345678901") == ["$NK^21\\r"])
    }

    @Test("an LF-terminated line is never executed; pipelined lines answer in order")
    func terminatorsAndPipelining() throws {
        var rig = try FaceRig()
        rig.run(.seconds(1))
        _ = rig.take()
        rig.feed(Array("$GV^35\n".utf8))
        #expect(rig.take().isEmpty)
        rig.feed(Array("garbage$GV^35\r\n$GC^20\r$SC 20 V\r".utf8))
        #expect(
            rig.take() == ["$OK 8.2.3 5.2.1^2F\\r", "$OK 6 80 32 32^1E\\r", wire("$OK 20"), wire("$AT 01 01 20 0200")])
    }

    @Test("$FF E 0 turns echo on (firmware bug): LF after replies, every byte echoed")
    func echoBug() throws {
        var rig = try FaceRig()
        rig.run(.seconds(1))
        _ = rig.take()
        #expect(rig.send("$FF E 0^51") == ["$OK^20\\r\\n"])
        #expect(rig.send("$GV^35") == ["$GV^35\\r", "$OK 8.2.3 5.2.1^2F\\r\\n"])
        // Async messages never get the LF.
        #expect(rig.send("$SC 9 V") == ["$SC 9 V\\r", wire("$OK 9") + "\\n", wire("$AT 01 01 9 0200")])
    }

    @Test("echo switched on mid-burst applies to the rest of the burst")
    func echoMidBurst() throws {
        var rig = try FaceRig()
        rig.run(.seconds(1))
        _ = rig.take()
        rig.feed(Array("$FF E 1^50\r$GV^35\r".utf8))
        #expect(rig.take() == ["$OK^20\\r\\n", "$GV^35\\r", "$OK 8.2.3 5.2.1^2F\\r\\n"])
    }

    @Test("with the echo bug fixed, $FF E 0 turns echo off and $FF E 1 on")
    func echoFixed() throws {
        var profile = StationProfile()
        profile.rapiQuirks.echoBug = false
        var rig = try FaceRig(profile: profile)
        rig.run(.seconds(1))
        _ = rig.take()
        #expect(rig.send("$FF E 0^51") == ["$OK^20\\r"])
        #expect(!rig.face.isEchoOn)
        #expect(rig.send("$FF E 1^50") == ["$OK^20\\r\\n"])
        #expect(rig.send("$FF E 0^51") == ["$FF E 0^51\\r", "$OK^20\\r"])
    }
}

extension String {
    /// The text with each backslash doubled, as a string's debug description shows it.
    fileprivate var replacingBackslashes: String {
        split(separator: "\\", omittingEmptySubsequences: false).joined(separator: "\\\\")
    }
}
