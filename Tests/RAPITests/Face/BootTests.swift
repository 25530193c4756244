import EVSEModel
import SimCore
import Testing

@testable import RAPI

/// `$FR`, power cuts and the boot output (open_evse `Reboot()`, `J1772EVSEController::Init()`).
@Suite struct BootTests {
    @Test("$FR: no reply, then the forced $AT, $AB and the state $AT")
    func reboot() throws {
        var rig = try FaceRig()
        rig.run(.seconds(1))
        _ = rig.take()
        #expect(rig.send("$FR^30").isEmpty)
        rig.run(.seconds(10))
        #expect(rig.take() == ["$AT 00 00 0 0200^03\\r", "$AB 00 8.2.3^1E\\r", "$AT 01 01 32 0200^32\\r"])
    }

    @Test("$FR while charging: the relay opens, then the station boots into B")
    func rebootWhileCharging() throws {
        var vehicle = VehicleProfile()
        vehicle.soc = 0.5
        var rig = try FaceRig(vehicle: vehicle)
        try rig.charge()
        _ = rig.take()
        #expect(rig.command("$FR").isEmpty)
        rig.run(.seconds(1))
        #expect(rig.take().isEmpty, "nothing during the reset wait")
        #expect(!rig.station.relay.closed)
        rig.run(.seconds(10))
        let async = rig.takeAsync()
        #expect(Array(async.prefix(3)) == [wire("$AT 00 00 0 0200"), wire("$AB 00 8.2.3"), wire("$AT 02 02 32 0700")])
        #expect(async.last == wire("$AT 03 03 32 0540"))
    }

    @Test("with noReplyToReboot off, $FR answers $OK first")
    func rebootReplies() throws {
        var profile = StationProfile()
        profile.rapiQuirks.noReplyToReboot = false
        var rig = try FaceRig(profile: profile)
        rig.run(.seconds(1))
        _ = rig.take()
        #expect(rig.command("$FR") == [wire("$OK")])
        rig.run(.seconds(10))
        #expect(rig.take().count == 3)
    }

    @Test("volatile settings are lost at reboot, persistent ones kept")
    func persistence() throws {
        var rig = try FaceRig()
        rig.run(.seconds(1))
        rig.command("$SC 20")
        rig.command("$SC 10 V")
        rig.command("$SV 230000")
        rig.command("$S5 M")
        rig.command("$ST 22 0 6 30")
        rig.command("$FP 0 0 HELLO")
        rig.command("$SY 60 6")
        #expect(rig.query("$GE") == "10 0001")
        rig.command("$FR")
        rig.run(.seconds(10))
        #expect(rig.query("$GE") == "20 0001", "$SC n is saved, $SC n V is not")
        #expect(rig.query("$GG") == "0 240000", "$SV is volatile")
        #expect(rig.query("$G5") == "0 A", "the Mennekes mode is volatile")
        #expect(rig.query("$GD") == "22 0 6 30", "the delay timer is in EEPROM")
        #expect(rig.face.peripherals.display.row(0).hasPrefix("  "), "the LCD is cleared")
        #expect(rig.query("$GY") == "60 6 0", "heartbeat settings are in EEPROM")
    }

    @Test("POST failure: $AB carries the fault state, the controller stays there")
    func postFailure() throws {
        var rig = try FaceRig()
        try rig.charge()
        rig.apply(.injectFault(.stuckRelay))
        rig.command("$FS")
        rig.run(.seconds(5))
        #expect(rig.query("$GS").hasPrefix("08 "))
        _ = rig.take()
        rig.command("$FR")
        rig.run(.seconds(10))
        let async = rig.takeAsync()
        #expect(Array(async.prefix(3)) == [wire("$AT 00 00 0 0200"), wire("$AB 08 8.2.3"), wire("$AT 08 00 0 0200")])
        #expect(rig.query("$GS").hasPrefix("08 "))
    }

    @Test("a power cut silences the controller; power back boots it, echo off")
    func powerCut() throws {
        var rig = try FaceRig()
        rig.run(.seconds(1))
        rig.command("$FF E 1")
        #expect(rig.face.isEchoOn)
        rig.apply(.powerCut(for: .seconds(30)))
        #expect(rig.command("$GV").isEmpty)
        #expect(rig.records.last?.kind == "rapi.drop")
        rig.run(.seconds(40))
        #expect(rig.take() == ["$AT 00 00 0 0200^03\\r", "$AB 00 8.2.3^1E\\r", "$AT 01 01 32 0200^32\\r"])
        #expect(!rig.face.isEchoOn)
        #expect(rig.command("$GV") == ["$OK 8.2.3 5.2.1^2F\\r"])
    }

    @Test("a boot-locked build forces $AT … 4200 and $AB with its version")
    func d9Boot() throws {
        var rig = try FaceRig(profile: FaceRig.d9Profile, startsBooted: false)
        rig.run(.seconds(5))
        #expect(rig.take() == [wire("$AT 00 00 0 4200"), wire("$AB 00 9.4.0.core")])
        #expect(rig.query("$GV") == "9.4.0.core 6.0.0")
    }
}
