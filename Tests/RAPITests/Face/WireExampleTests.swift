import EVSEModel
import SimCore
import Testing

@testable import RAPI

/// Wire examples of firmware 8.2.3 and D9, byte for byte, checksums included.
@Suite struct WireExampleTests {
    /// Examples answered by an idle, booted 8.2.3 US station with nothing plugged in.
    static let idle: [(String, [String])] = [
        ("$GV^35", ["$OK 8.2.3 5.2.1^2F\\r"]),
        ("$GS^30", ["$OK 01 0 01 0200^12\\r"]),
        ("$GS :12^29", ["$OK 01 0 01 0200 :12^0B\\r"]),
        ("$GC^20", ["$OK 6 80 32 32^1E\\r"]),
        ("$GF^25", ["$OK 0 0 0^30\\r"]),
        ("$SY 5 6^2D", ["$OK 5 6 0^33\\r"]),
        ("$GS^31", ["$NK^21\\r"]),
        ("$XX^24", ["$NK^21\\r"]),
    ]

    @Test("wire examples on an idle station", arguments: idle)
    func idleExample(line: String, expected: [String]) throws {
        var rig = try FaceRig()
        rig.run(.seconds(1))
        #expect(rig.takeAsync() == ["$AT 01 01 32 0200^32\\r"])
        #expect(rig.send(line) == expected)
    }

    @Test("$SC 5 V clamps to 6 and reports it, then $FS sleeps at 6 A")
    func clampThenSleep() throws {
        var rig = try FaceRig()
        rig.run(.seconds(1))
        _ = rig.take()
        #expect(rig.send("$SC 5 V^57") == ["$NK 6^37\\r", wire("$AT 01 01 6 0200")])
        #expect(rig.send("$FS^31") == ["$OK^20\\r", "$AT fe 01 6 0200^07\\r"])
    }

    @Test("$SC 16 V while charging")
    func lowerWhileCharging() throws {
        var rig = try FaceRig()
        try rig.charge()
        _ = rig.take()
        #expect(rig.send("$SC 16 V^65") == ["$OK 16^07\\r", "$AT 03 03 16 0540^37\\r"])
    }

    @Test("boot without an EV: forced $AT, $AB, then state A")
    func bootIdle() throws {
        var rig = try FaceRig(startsBooted: false)
        #expect(rig.take() == ["$AT 00 00 0 0200^03\\r"])
        rig.run(.seconds(5))
        #expect(rig.take() == ["$AB 00 8.2.3^1E\\r", "$AT 01 01 32 0200^32\\r"])
    }

    @Test("boot with an EV plugged in ends in B")
    func bootWithEV() throws {
        var vehicle = VehicleProfile()
        vehicle.soc = 0.9  // full: it stays in B
        var rig = try FaceRig(vehicle: vehicle, startsBooted: false)
        rig.apply(.plug)
        #expect(rig.take() == ["$AT 00 00 0 0200^03\\r"])
        rig.run(.seconds(5))
        #expect(rig.take() == ["$AB 00 8.2.3^1E\\r", "$AT 02 02 32 0700^37\\r"])
    }

    @Test("D9 boot-locked $GS, then $SB")
    func d9BootLock() throws {
        var rig = try FaceRig(profile: FaceRig.d9Profile)
        rig.run(.seconds(1))
        #expect(rig.take().isEmpty, "no $AT in state 00")
        #expect(rig.send("$GS^30") == ["$OK 00 0 00 4200^16\\r"])
        #expect(rig.send("$SB^35") == ["$OK 0^30\\r"])
        rig.run(.seconds(1))
        #expect(rig.take() == [wire("$AT 01 01 32 0200")])
    }
}
