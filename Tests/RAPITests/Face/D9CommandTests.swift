import EVSEModel
import SimCore
import Testing

@testable import RAPI

/// The D9 9.4.0 / RAPI 6.0.0 additions (README, "RAPI face").
@Suite struct D9CommandTests {
    /// A D9 station past its boot lock, idle in A.
    static func unlocked() throws -> FaceRig {
        var rig = try FaceRig(profile: FaceRig.d9Profile)
        rig.command("$SB")
        rig.run(.seconds(1))
        _ = rig.take()
        return rig
    }

    @Test("relay outputs: $SR and $GR")
    func relayOutputs() throws {
        var rig = try Self.unlocked()
        #expect(rig.query("$GR") == "1 1 1")
        #expect(rig.command("$SR 3 0") == [wire("$OK")])
        #expect(rig.query("$GR") == "1 1 0")
        #expect(rig.command("$SR 4 0") == [wire("$NK")])
        #expect(rig.command("$SR 1 2") == [wire("$NK")])
        #expect(rig.command("$SR 1") == [wire("$NK")])
    }

    @Test("zero-current threshold: $SZ clamps to 0–5000, $GZ reads it with the frequency")
    func zeroCurrent() throws {
        var rig = try Self.unlocked()
        #expect(rig.query("$GZ") == "6000 200")
        #expect(rig.command("$SZ 9000") == [wire("$OK")])
        #expect(rig.query("$GZ") == "6000 5000")
        #expect(rig.command("$SZ -5") == [wire("$OK")], "D9 parses a sign")
        #expect(rig.query("$GZ") == "6000 0")
    }

    @Test("over-temperature threshold: $FO sets, $GO reads; ≤ 0 refused")
    func panicThreshold() throws {
        var rig = try Self.unlocked()
        #expect(rig.query("$GO") == "710")
        #expect(rig.command("$FO 720") == [wire("$OK")])
        #expect(rig.query("$GO") == "720")
        #expect(rig.command("$FO 0") == [wire("$NK")])
        #expect(rig.command("$FO -5") == [wire("$NK")])
        #expect(rig.command("$FO") == [wire("$NK")])
    }

    @Test("cable sensors: $SN configures, $GN reads temperatures or one configuration")
    func cableSensors() throws {
        var rig = try Self.unlocked()
        #expect(rig.query("$GN") == "-2560 -2560 -2560 -2560")
        #expect(rig.command("$SN 0 1") == [wire("$OK")])
        let t = Int((rig.station.temperatureCelsius * 10).rounded())
        #expect(rig.query("$GN") == "\(t) -2560 -2560 -2560")
        #expect(rig.query("$GN 0") == "1 10000 3950 0 900")
        #expect(rig.command("$SN 1 2 4700 3380 -15 800") == [wire("$OK")])
        #expect(rig.query("$GN 1") == "2 4700 3380 -15 800")
        #expect(rig.query("$GN") == "\(t) \(t - 15) -2560 -2560")
        #expect(rig.command("$SN 1 2 50 3380 0 800") == [wire("$NK")], "r25 below 100 Ω")
        #expect(rig.command("$SN 4 1") == [wire("$NK")])
        #expect(rig.command("$SN 1 2 4700") == [wire("$NK")])
        #expect(rig.query("$GN 7") == "")
        #expect(rig.command("$FF C 0") == [wire("$OK")])
        #expect(rig.query("$GN") == "-2560 -2560 -2560 -2560")
    }

    @Test("$FK: refused with an EV connected; frees a stuck relay once the contacts are free")
    func stuckRelayRecovery() throws {
        var rig = try Self.unlocked()
        try rig.charge()
        #expect(rig.command("$FK") == [wire("$NK")])
        rig.apply(.injectFault(.stuckRelay))
        rig.command("$FS")
        rig.run(.seconds(3))
        #expect(rig.query("$GS").hasPrefix("08 "))
        rig.apply(.unplug)
        rig.run(.seconds(2))
        #expect(rig.command("$FK") == [wire("$OK")])
        #expect(rig.query("$GS").hasPrefix("08 "), "still welded")
        rig.apply(.clearFault(.stuckRelay))
        rig.run(.seconds(1))
        _ = rig.take()
        #expect(rig.command("$FK") == [wire("$OK")])
        #expect(rig.query("$GS").hasPrefix("00 "))
        rig.command("$FE")  // leave the sleep that opened the relay
        rig.run(.seconds(1))
        #expect(rig.takeAsync() == [wire("$AT 01 01 32 0200")])
        #expect(rig.query("$GL").hasSuffix(" 2"), "two recoveries run")
        #expect(rig.command("$FH") == [wire("$OK")])
        #expect(rig.query("$GL") == "100 0 0 65535 65535 65535 65535 0 0")
    }

    @Test("$FC clears the trip counters and the energy total")
    func clearCounters() throws {
        var rig = try Self.unlocked()
        rig.apply(.injectFault(.gfi))
        try rig.charge()
        rig.apply(.clearFault(.gfi))
        #expect(rig.query("$GF") == "1 0 0")
        rig.command("$SK 500")
        #expect(rig.command("$FC") == [wire("$OK")])
        #expect(rig.query("$GF") == "0 0 0")
        #expect(rig.query("$GU").hasSuffix(" 0"))
    }

    @Test("$GW: contacts hot while charging, last current, relay timings")
    func relayWear() throws {
        var rig = try Self.unlocked()
        try rig.charge()
        rig.run(.seconds(5))
        let mA = Int((rig.station.flowingAmps * 1000).rounded())
        #expect(mA > 0)
        #expect(rig.query("$GW") == "1 \(mA) 100 20")
        rig.apply(.unplug)
        rig.run(.seconds(1))
        #expect(rig.query("$GW") == "0 \(mA) 100 20")
    }

    static let switches: [(String, UInt16, Bool)] = [
        ("L", 0x2000, false), ("O", 0x4000, false), ("Z", 0x0800, false), ("P", 0x0040, true),
    ]

    @Test("D9 feature switches", arguments: switches)
    func featureSwitch(id: String, bit: UInt16, setByOne: Bool) throws {
        var rig = try Self.unlocked()
        #expect(rig.command("$FF \(id) 0") == [wire("$OK")])
        let afterZero = try #require(UInt16(rig.query("$GE").split(separator: " ")[1], radix: 16))
        #expect((afterZero & bit != 0) == !setByOne)
        #expect(rig.command("$FF \(id) 1") == [wire("$OK")])
        let afterOne = try #require(UInt16(rig.query("$GE").split(separator: " ")[1], radix: 16))
        #expect((afterOne & bit != 0) == setByOne)
        #expect(rig.command("$FF B 0") == [wire("$NK")], "no front button on D9")
    }

    @Test("D9 parses signed numbers: $SC -5 wraps to 251, clamped to the max")
    func signedNumbers() throws {
        var rig = try Self.unlocked()
        #expect(rig.command("$SC -5").first == wire("$NK 80"))
    }
}
