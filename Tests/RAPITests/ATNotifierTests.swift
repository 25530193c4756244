import EVSEModel
import Testing

@testable import RAPI

/// open_evse `RapiSendEvseState()` and `J1772EVSEController::Init()`: when `$AT` is sent.
@Suite struct ATNotifierTests {
    typealias Snapshot = RAPIATNotifier.Snapshot

    static let bootUnknown = Snapshot(evseState: .unknown, pilot: .unknown, capacity: 0, vflags: .sessionEnded)
    static let idleA = Snapshot(evseState: .a, pilot: .a, capacity: 32, vflags: .sessionEnded)
    static let pluggedB = Snapshot(
        evseState: .b, pilot: .b, capacity: 32, vflags: [.evConnected, .evConnectedPrevious, .sessionEnded])

    @Test("boot: the forced $AT 00 00 0 0200, then the first real state")
    func bootSequence() {
        var notifier = RAPIATNotifier()
        #expect(notifier.force(Self.bootUnknown).encoded() == "$AT 00 00 0 0200^03\r".bytes)
        #expect(notifier.check(Self.bootUnknown) == nil)
        #expect(notifier.check(Self.idleA)?.encoded() == "$AT 01 01 32 0200^32\r".bytes)
        #expect(notifier.check(Self.idleA) == nil)
    }

    @Test("never in state 00, even when everything else changed")
    func neverInUnknown() {
        var notifier = RAPIATNotifier()
        #expect(notifier.check(Snapshot(evseState: .unknown, pilot: .c, capacity: 40, vflags: .hardFault)) == nil)
    }

    @Test(
        "never for an inconsistent state and EV_CONNECTED",
        arguments: [
            Snapshot(evseState: .a, pilot: .a, capacity: 32, vflags: .evConnected),
            Snapshot(evseState: .b, pilot: .b, capacity: 32, vflags: []),
            Snapshot(evseState: .c, pilot: .c, capacity: 32, vflags: .chargingOn),
        ])
    func neverInconsistent(snapshot: Snapshot) {
        var notifier = RAPIATNotifier()
        #expect(!snapshot.isConsistent)
        #expect(notifier.check(snapshot) == nil)
    }

    @Test("states other than A, B, C need no particular EV_CONNECTED")
    func faultStatesAreConsistent() {
        var notifier = RAPIATNotifier()
        let fault = Snapshot(evseState: .gfciFault, pilot: .unknown, capacity: 32, vflags: [.evConnected, .hardFault])
        #expect(notifier.check(fault) != nil)
    }

    @Test("each of state, pilot and capacity alone triggers a send")
    func fieldChangesTrigger() {
        var notifier = RAPIATNotifier()
        _ = notifier.check(Self.pluggedB)
        var pilotChanged = Self.pluggedB
        pilotChanged.pilot = .c  // EV at 6 V while the pilot is not yet PWM
        #expect(notifier.check(pilotChanged) != nil)
        var capacityChanged = pilotChanged
        capacityChanged.capacity = 6
        #expect(notifier.check(capacityChanged)?.body.text == "$AT 02 03 6 0700")
        var stateChanged = capacityChanged
        stateChanged.evseState = .sleeping
        #expect(notifier.check(stateChanged) != nil)
    }

    @Test(
        "vflag changes count only within the 0x211A mask",
        arguments: [
            (VFlags.hardFault, true), (.authLocked, true), (.timeLimit, true), (.chargeLimit, true),
            (.chargingOn, false), (.gfiTripped, false), (.evConnectedPrevious, false), (.bootLock, false),
            (.mennekesManual, false), (.timerOn, false),
        ])
    func maskedVFlags(flag: VFlags, triggers: Bool) {
        var notifier = RAPIATNotifier()
        _ = notifier.check(Self.pluggedB)
        var changed = Self.pluggedB
        changed.vflags.formSymmetricDifference(flag)
        #expect((notifier.check(changed) != nil) == triggers)
    }

    @Test("the message carries the full vflags although only masked bits are remembered")
    func fullVFlagsInMessage() {
        var notifier = RAPIATNotifier()
        let charging = Snapshot(
            evseState: .c, pilot: .c, capacity: 16, vflags: [.evConnected, .evConnectedPrevious, .chargingOn])
        #expect(notifier.check(charging)?.body.text == "$AT 03 03 16 0540")
        #expect(notifier.lastSent.vflags == .evConnected)
    }

    @Test("EV plug-in while sleeping: only EV_CONNECTED changes, and it triggers")
    func plugWhileSleeping() {
        var notifier = RAPIATNotifier()
        let asleep = Snapshot(evseState: .sleeping, pilot: .a, capacity: 32, vflags: .sessionEnded)
        _ = notifier.check(asleep)
        var plugged = asleep
        plugged.vflags.insert(.evConnected)
        #expect(notifier.check(plugged) != nil)
    }

    @Test("reset forgets what was sent, as a reboot does")
    func resetForgets() {
        var notifier = RAPIATNotifier()
        _ = notifier.check(Self.idleA)
        #expect(notifier.check(Self.idleA) == nil)
        notifier.reset()
        #expect(notifier.check(Self.idleA) != nil)
    }

    @Test("pilot codes map from the IEC pilot states A–D only")
    func pilotCodes() {
        #expect(RAPIPilotCode(PilotState.a) == .a)
        #expect(RAPIPilotCode(PilotState.d) == .d)
        #expect(RAPIPilotCode(PilotState.e) == nil)
        #expect(RAPIPilotCode(PilotState.f) == nil)
        #expect(RAPIPilotCode.diodeCheckFailed.rawValue == 5)
    }
}
