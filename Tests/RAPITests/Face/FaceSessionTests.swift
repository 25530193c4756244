import EVSEModel
import SimCore
import Testing

@testable import RAPI

/// Whole sessions seen through RAPI alone.
@Suite struct FaceSessionTests {
    @Test("plug, charge, read current and energy, unplug")
    func wholeSession() throws {
        var rig = try FaceRig()
        rig.run(.seconds(1))
        _ = rig.take()
        #expect(rig.query("$GS") == "01 0 01 0200")
        #expect(rig.query("$G0") == "0")

        rig.apply(.plug)
        rig.run(.milliseconds(500))
        #expect(rig.takeAsync() == [wire("$AT 02 02 32 0700")])
        #expect(rig.query("$G0") == "1")

        try rig.run(until: .c)
        rig.run(.seconds(6))  // the EV ramps up at 10 A/s
        // The first $AT in C already shows the relay on (open_evse `Update()`, `chargingOn()`).
        #expect(rig.takeAsync() == [wire("$AT 03 03 32 0540")])
        #expect(rig.station.relay.closed)

        let gg = rig.query("$GG").split(separator: " ").compactMap { Int($0) }
        #expect(gg == [Int((rig.station.flowingAmps * 1000).rounded()), 240_000])
        #expect(gg.first ?? 0 > 30_000)

        let first = try energy(&rig)
        let elapsedBefore = try #require(Int(rig.query("$GS").split(separator: " ")[1]))
        rig.run(.minutes(10))
        let second = try energy(&rig)
        let elapsedAfter = try #require(Int(rig.query("$GS").split(separator: " ")[1]))
        #expect(second.ws > first.ws)
        #expect(second.ws == Int(rig.station.controller.sessionJoules))
        #expect(elapsedAfter - elapsedBefore == 600)
        #expect(second.wh == 0, "the lifetime total moves only when the session ends")
        #expect(rig.takeAsync().isEmpty, "nothing in the change mask moved while charging")

        rig.apply(.unplug)
        rig.run(.seconds(1))
        #expect(rig.takeAsync() == [wire("$AT 01 01 32 0200")])
        let after = try energy(&rig)
        #expect(after.wh == Int(Double(second.ws) / 3600) || after.wh == Int(Double(second.ws) / 3600) + 1)
        #expect(after.wh > 0)
        #expect(rig.query("$GG") == "0 240000")
    }

    private func energy(_ rig: inout FaceRig) throws -> (ws: Int, wh: Int) {
        let fields = rig.query("$GU").split(separator: " ").compactMap { Int($0) }
        try #require(fields.count == 2)
        return (fields[0], fields[1])
    }

    @Test("heartbeat failsafe: a missed pulse drops to the fallback until $SY 165")
    func heartbeat() throws {
        var rig = try FaceRig()
        try rig.charge()
        _ = rig.take()
        #expect(rig.command("$SY 5 6") == [wire("$OK 5 6 0")])
        // Pulses every second keep the current.
        for _ in 0..<10 {
            rig.run(.seconds(1))
            #expect(rig.command("$SY") == [wire("$OK 5 6 0")])
        }
        rig.run(.seconds(6))
        #expect(rig.takeAsync() == [wire("$AT 03 03 6 0540")])
        #expect(rig.query("$GE").hasPrefix("6 "))
        #expect(rig.command("$SY") == [wire("$NK 5 6 2")])
        #expect(rig.command("$GY") == [wire("$OK 5 6 2")])
        #expect(rig.command("$SY 7") == [wire("$NK 5 6 2")], "a wrong cookie is refused")
        #expect(rig.command("$SY 165") == [wire("$OK 5 6 1"), wire("$AT 03 03 32 0540")])
        #expect(rig.command("$SY") == [wire("$OK 5 6 1")])
        #expect(rig.command("$SY 1 2 3") == [wire("$NK 5 6 1")], "a wrong count still carries the status")
        #expect(rig.command("$SY 0 0") == [wire("$OK 0 0 0")])
        rig.run(.seconds(30))
        #expect(rig.takeAsync().isEmpty, "supervision off")
    }

    @Test("sleep and enable while charging")
    func sleepAndEnable() throws {
        var rig = try FaceRig()
        try rig.charge()
        _ = rig.take()
        // The pilot state stays frozen at C while asleep (open_evse `Update()` returns early).
        #expect(rig.command("$FS") == [wire("$OK"), wire("$AT fe 03 32 0500")])
        rig.run(.seconds(4))
        #expect(!rig.station.relay.closed)
        #expect(rig.query("$GS").hasPrefix("fe "))
        #expect(rig.command("$FS") == [wire("$OK")], "already asleep: no-op, no $AT")

        #expect(rig.command("$FE") == [wire("$OK")], "state 00 sends no $AT")
        #expect(rig.query("$GS").hasPrefix("00 "))
        rig.run(.seconds(10))
        #expect(rig.takeAsync() == [wire("$AT 02 02 32 0500"), wire("$AT 03 03 32 0540")])

        #expect(rig.command("$FD") == [wire("$OK"), wire("$AT ff 03 32 0500")])
        #expect(rig.query("$G0") == "2")
        rig.apply(.unplug)
        rig.run(.seconds(2))
        #expect(rig.takeAsync().isEmpty, "disabled: EV detection frozen")
        #expect(rig.command("$FE") == [wire("$OK")])
        rig.run(.seconds(1))
        #expect(rig.takeAsync() == [wire("$AT 01 01 32 0200")])
    }

    @Test("$F1 is the button: sleep when running, enable when asleep")
    func button() throws {
        var rig = try FaceRig()
        rig.run(.seconds(1))
        _ = rig.take()
        #expect(rig.command("$F1") == [wire("$OK"), wire("$AT fe 01 32 0200")])
        #expect(rig.command("$F1") == [wire("$OK")])
        rig.run(.seconds(1))
        #expect(rig.takeAsync() == [wire("$AT 01 01 32 0200")])
    }

    @Test("EV plug and unplug while asleep are reported through EV_CONNECTED")
    func plugWhileAsleep() throws {
        var rig = try FaceRig()
        rig.run(.seconds(1))
        rig.command("$FS")
        rig.apply(.plug)
        rig.run(.seconds(1))
        #expect(rig.takeAsync() == [wire("$AT fe 01 32 0700")])
        rig.apply(.unplug)
        rig.run(.seconds(1))
        #expect(rig.takeAsync() == [wire("$AT fe 01 32 0200")])
    }
}
