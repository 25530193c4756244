import EVSEModel
import SimCore
import Testing

@testable import RAPI

/// RAPI while the firmware does not read it: the power-on self-test and the wait after `$FR`
/// (open_evse `J1772EVSEController::Init()`, `Reboot()`; the AVR UART receive buffer).
@Suite struct BootBufferTests {
    @Test("a command sent during the boot waits in the UART buffer and is answered right after $AB")
    func answeredAfterBoot() throws {
        var rig = try FaceRig(startsBooted: false)
        #expect(rig.take() == [wire("$AT 00 00 0 0200")])
        rig.run(.seconds(1))
        #expect(rig.command("$GV").isEmpty, "no answer while the controller boots")
        #expect(rig.face.uartBuffer == Array(signed("$GV").utf8) + [0x0D])
        #expect(rig.records.last?.kind == "rapi.hold")
        rig.run(.seconds(2))
        #expect(rig.take() == [wire("$AB 00 8.2.3"), wire("$OK 8.2.3 5.2.1"), wire("$AT 01 01 32 0200")])
        #expect(rig.face.uartBuffer.isEmpty)
    }

    @Test("the buffer holds 63 bytes; what arrives once it is full is lost")
    func overflow() throws {
        var rig = try FaceRig(startsBooted: false)
        _ = rig.take()
        let line = Array(signed("$GV").utf8) + [0x0D]  // 7 bytes
        for _ in 0..<10 { rig.feed(line) }  // 70 bytes
        #expect(rig.face.uartBuffer.count == RAPIFace.uartCapacity)
        #expect(rig.records.contains { $0.kind == "rapi.drop" })
        rig.run(.seconds(3))
        let replies = rig.take().filter { $0.hasPrefix("$OK") }
        #expect(replies.count == 9, "nine whole lines fit; the tenth lost its last bytes")
    }

    @Test("bytes sent while $FR waits for the watchdog are lost with the reset")
    func lostAtReset() throws {
        var rig = try FaceRig()
        rig.run(.seconds(1))
        _ = rig.take()
        #expect(rig.command("$FR").isEmpty)
        rig.run(.milliseconds(500))
        #expect(rig.command("$GS").isEmpty)
        rig.run(.seconds(10))
        #expect(rig.take() == [wire("$AT 00 00 0 0200"), wire("$AB 00 8.2.3"), wire("$AT 01 01 32 0200")])
        #expect(
            rig.records.contains { $0.kind == "rapi.drop" && $0["reason"] == .string("lost at the controller reset") })
    }

    @Test("with blockedDuringBoot off, commands are answered at once while booting")
    func quirkOff() throws {
        var profile = StationProfile()
        profile.rapiQuirks.blockedDuringBoot = false
        var rig = try FaceRig(profile: profile, startsBooted: false)
        _ = rig.take()
        rig.run(.seconds(1))
        #expect(rig.command("$GV") == [wire("$OK 8.2.3 5.2.1")])
    }

    @Test("a boot-locked D9 reads RAPI after $AB: $SB is answered at once")
    func bootLockedReadsRAPI() throws {
        var rig = try FaceRig(profile: FaceRig.d9Profile, startsBooted: false)
        rig.run(.seconds(5))
        _ = rig.take()
        #expect(rig.command("$SB") == [wire("$OK 0")])
    }
}
