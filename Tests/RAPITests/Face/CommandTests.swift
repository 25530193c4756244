import EVSEModel
import SimCore
import Testing

@testable import RAPI

/// Set commands and the get commands that read them back (open_evse `processCmd()`), 8.2.3 builds.
@Suite struct CommandTests {
    static func idle(_ profile: StationProfile = StationProfile(), rtcChip: Bool = true) throws -> FaceRig {
        var rig = try FaceRig(profile: profile, rtcChip: rtcChip)
        rig.run(.seconds(1))
        _ = rig.take()
        return rig
    }

    @Test("$SC: persistent, volatile, hardware max, clamping and token counts")
    func currentCapacity() throws {
        var rig = try Self.idle()
        #expect(rig.command("$SC 40 V").first == wire("$NK 32"), "volatile: bounded by the configured max")
        #expect(rig.command("$SC 20").first == wire("$OK 20"))
        #expect(rig.query("$GC") == "6 80 20 20")
        #expect(rig.command("$SC 90").first == wire("$NK 80"))
        #expect(rig.query("$GC") == "6 80 80 80")
        #expect(rig.command("$SC 50 M").first == wire("$OK 50"))
        #expect(rig.query("$GC") == "6 50 50 50")
        #expect(rig.command("$SC 40 M") == [wire("$NK 50")], "write-once")
        #expect(rig.command("$SC 300").first == wire("$OK 44"), "the firmware keeps the amps in a byte: 300 → 44")
        #expect(rig.command("$SC") == [wire("$NK")])
        #expect(rig.command("$SC 1 2 3") == [wire("$NK")])
        #expect(rig.query("$GE") == "44 0001")
    }

    @Test("$SV, $SK, $SA are read back by $GG, $GU, $GA")
    func settingsRoundTrip() throws {
        var rig = try Self.idle()
        #expect(rig.command("$SV 230000") == [wire("$OK")])
        #expect(rig.query("$GG") == "0 230000")
        #expect(rig.command("$SK 12345") == [wire("$OK")])
        #expect(rig.query("$GU") == "0 12345")
        #expect(rig.command("$SA 230 5") == [wire("$OK")])
        #expect(rig.query("$GA") == "230 5")
        #expect(rig.command("$SA 1") == [wire("$NK")])
        #expect(rig.command("$SV") == [wire("$NK")])
    }

    @Test("$SL: service level, voltage and flags; A only on the US build")
    func serviceLevel() throws {
        var rig = try Self.idle()
        #expect(rig.command("$SL 1") == [wire("$OK")])
        #expect(rig.query("$GE") == "32 0020")
        #expect(rig.query("$GG") == "0 120000")
        #expect(rig.command("$SL 2") == [wire("$OK")])
        #expect(rig.query("$GE") == "32 0021")
        #expect(rig.query("$GG") == "0 240000")
        #expect(rig.command("$SL A") == [wire("$OK")])
        #expect(rig.query("$GE") == "32 0001")
        #expect(rig.command("$SL 3") == [wire("$NK")])
        var eu = try Self.idle(FaceRig.euProfile)
        #expect(eu.command("$SL A") == [wire("$NK")])
        #expect(eu.query("$GE") == "32 0021")
    }

    static let features: [(String, UInt16)] = [
        ("B", 0x8000), ("D", 0x0002), ("F", 0x0200), ("G", 0x0008), ("R", 0x0010), ("T", 0x0400), ("V", 0x0004),
    ]

    @Test("$FF <id> 0 sets the disabling ECF bit, 1 clears it", arguments: features)
    func feature(id: String, bit: UInt16) throws {
        var rig = try Self.idle()
        let before = try #require(UInt16(rig.query("$GE").split(separator: " ")[1], radix: 16))
        #expect(rig.command("$FF \(id) 0") == [wire("$OK")])
        let off = try #require(UInt16(rig.query("$GE").split(separator: " ")[1], radix: 16))
        #expect(off == before | bit)
        #expect(rig.command("$FF \(id) 1") == [wire("$OK")])
        let on = try #require(UInt16(rig.query("$GE").split(separator: " ")[1], radix: 16))
        #expect(on == before & ~bit)
    }

    @Test(
        "$FF refusals", arguments: ["$FF X 1", "$FF D 2", "$FF D", "$FF D 1 1", "$FF C 1", "$FF L 0", "$FF  1"])
    func featureRefused(line: String) throws {
        var rig = try Self.idle()
        #expect(rig.command(line) == [wire("$NK")])
    }

    @Test("the LCD: $FP text, $FB colour, $F0 freeze, $S0 type")
    func display() throws {
        var rig = try Self.idle()
        #expect(rig.command("$FP 0 0 HELLO WORLD") == [wire("$OK")])
        #expect(rig.command("$FP 10 1 ABCDEFGHIJ") == [wire("$OK")])
        #expect(rig.face.peripherals.display.row(0) == "HELLO WORLD     ")
        #expect(rig.face.peripherals.display.row(1) == "          ABCDEF")
        #expect(rig.command("$FP 0 0") == [wire("$NK")])
        #expect(rig.command("$FB 3") == [wire("$OK")])
        #expect(rig.face.peripherals.display.backlight == 3)
        #expect(rig.command("$FB") == [wire("$NK")])
        #expect(rig.command("$F0 0") == [wire("$OK")])
        #expect(rig.face.peripherals.display.isFrozen)
        #expect(rig.command("$F0") == [wire("$NK")])
        #expect(rig.command("$S0 1") == [wire("$OK")])
        #expect(rig.query("$GE") == "32 0001")
        #expect(rig.command("$S0 0") == [wire("$OK")])
        #expect(rig.query("$GE") == "32 0101")
    }

    @Test("$FP is refused during a hard fault")
    func displayInHardFault() throws {
        var rig = try Self.idle()
        rig.apply(.injectFault(.diode))
        rig.apply(.plug)
        rig.run(.seconds(3))
        #expect(rig.query("$GS").hasPrefix("05 "))
        #expect(rig.command("$FP 0 0 X") == [wire("$NK")])
    }

    @Test("Mennekes lock: auto follows the EV, manual holds and shows vflag 0x8000")
    func mennekes() throws {
        var rig = try Self.idle()
        #expect(rig.query("$G5") == "0 A")
        rig.apply(.plug)
        rig.run(.seconds(1))
        #expect(rig.query("$G5") == "1 A")
        #expect(rig.command("$S5 M") == [wire("$OK")])
        #expect(rig.query("$G5") == "0 M")
        #expect(rig.command("$S5 1") == [wire("$OK")])
        #expect(rig.query("$G5") == "1 M")
        #expect(rig.query("$GS").hasSuffix("8700"))
        #expect(rig.command("$S5 X") == [wire("$NK")])
        #expect(rig.command("$S5 A") == [wire("$OK")])
        #expect(rig.query("$GS").hasSuffix(" 0700"))
    }

    @Test("the clock: $GT follows the simulation's calendar, $S1 moves it and survives $FR")
    func clock() throws {
        var rig = try Self.idle()
        #expect(rig.query("$GT") == "26 1 1 0 0 1")  // WallTime.defaultStart + 1 s
        #expect(rig.command("$S1 26 3 1 18 30 0") == [wire("$OK")])
        #expect(rig.query("$GT") == "26 3 1 18 30 0")
        rig.run(.seconds(65))
        #expect(rig.query("$GT") == "26 3 1 18 31 5")
        rig.command("$FR")
        rig.run(.seconds(10))
        #expect(rig.query("$GT") == "26 3 1 18 31 15")
        #expect(rig.command("$S1 1 2 3") == [wire("$NK")])
        #expect(rig.command("$S1 24 12 31 23 59 59") == [wire("$OK")])
        rig.run(.seconds(1))
        #expect(rig.query("$GT") == "25 1 1 0 0 0")
    }

    @Test("no clock chip: $GT reads 165 165 165 165 165 85")
    func noClock() throws {
        var rig = try Self.idle(rtcChip: false)
        #expect(rig.query("$GT") == "165 165 165 165 165 85")
        #expect(rig.command("$S1 26 3 1 18 30 0") == [wire("$OK")])
        #expect(rig.query("$GT") == "165 165 165 165 165 85")
    }

    @Test("the delay timer is stored and shows as TIMER_ON")
    func delayTimer() throws {
        var rig = try Self.idle()
        #expect(rig.query("$GD") == "0 0 0 0")
        #expect(rig.command("$ST 22 0 6 30") == [wire("$OK")])
        #expect(rig.query("$GD") == "22 0 6 30")
        #expect(rig.query("$GS") == "01 0 01 1200")
        #expect(rig.command("$ST 0 0 0 0") == [wire("$OK")])
        #expect(rig.query("$GS") == "01 0 01 0200")
        #expect(rig.command("$ST 1 2") == [wire("$NK")])
    }

    @Test("$GI: two spaces, six raw bytes, eight upper-case hex digits; stable per profile")
    func mcuID() throws {
        var rig = try Self.idle()
        let reply = try #require(rig.command("$GI").first)
        let body = try #require(reply.split(separator: "^").first)
        #expect(body.hasPrefix("$OK  "))
        let id = body.dropFirst(5)
        #expect(id.count == 14)
        #expect(id.dropFirst(6).allSatisfy { "0123456789ABCDEF".contains($0) })
        var again = try Self.idle()
        #expect(again.command("$GI").first == reply)
        var eu = try Self.idle(FaceRig.euProfile)
        #expect(eu.command("$GI").first != reply)
    }

    @Test("$Z0 prints its values before $OK")
    func relayPWM() throws {
        var rig = try Self.idle()
        #expect(rig.command("$Z0 150 200") == ["\\nZ0 150 200\\r\\n", wire("$OK")])
        #expect(rig.command("$Z0") == ["\\nZ0 150 200\\r\\n", wire("$OK")])
    }

    @Test("$GP reports the enclosure temperature twice and no TMP007")
    func temperatures() throws {
        var rig = try Self.idle()
        #expect(rig.query("$GP") == "250 250 -2560")
        rig.apply(.setAmbient(celsius: 30))
        rig.run(.hours(2))
        let t = Int((rig.station.temperatureCelsius * 10).rounded())
        #expect(t > 290)
        #expect(rig.query("$GP") == "\(t) \(t) -2560")
    }

    @Test(
        "commands compiled out of 8.2.3 answer a bare $NK",
        arguments: ["$S2 1", "$S3 4", "$S4 1", "$SH 10", "$SM 1 2", "$G3", "$G4", "$GH", "$GM", "$T0 10", "$SB", "$GO"])
    func compiledOut(line: String) throws {
        var rig = try Self.idle()
        #expect(rig.command(line) == [wire("$NK")])
    }
}
