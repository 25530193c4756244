import SimCore
import Testing

@testable import EVSEModel

/// Drives a station and returns the session event names and the `session_info` states the API
/// module's tracker derives from them, step by step.
private struct SessionRig {
    var rig: Rig
    var tracker = EverestSessionTracker(startedAt: .zero)
    var seen = 0

    init(_ tweak: (inout StationProfile, inout VehicleProfile) -> Void = { _, _ in }) {
        rig = Rig(tweak)
        _ = take()
    }

    /// The session events since the last call, by name.
    mutating func take() -> [String] {
        let new = rig.sessionEvents[seen...]
        seen = rig.sessionEvents.count
        for event in new { tracker.handle(event, at: rig.s.now) }
        return new.map(\.name)
    }

    mutating func act(_ action: StationAction, then d: SimDuration = .zero) -> [String] {
        rig.s.apply(action)
        rig.run(d)
        return take()
    }
}

@Suite("EVerest session fidelity: disable and enable with the EV plugged, authorization, reservations")
struct EverestSessionFidelityTests {
    private static func table(_ state: EnableState) -> StationAction {
        .enableDisable(source: .localAPI, state: state, priority: 100)
    }

    @Test(
        "disable then enable with the EV plugged: the session ends without TransactionFinished; a replug starts a new one"
    )
    func disableThenEnableWhilePlugged() {
        var r = SessionRig()
        _ = r.act(.plug, then: .seconds(10))
        #expect(r.tracker.state == .charging)
        #expect(r.act(Self.table(.disable), then: .seconds(5)) == ["Disabled", "Disabled"])
        #expect(r.tracker.state == .disabled)
        #expect(r.rig.s.everest.transaction == .active, "up to 2026.05 a disable does not tear the session down")

        #expect(r.act(Self.table(.enable), then: .minutes(1)) == ["Enabled", "Deauthorized", "SessionFinished"])
        #expect(r.tracker.state == .unplugged)
        #expect(r.rig.s.everest.transaction == .none)
        #expect(!r.rig.s.everest.sessionActive)
        #expect(r.rig.state == .b, "the EV is still plugged in, at +12 V without PWM")
        #expect(r.rig.s.pilotSignal == .steadyHigh)
        #expect(r.rig.s.flowingAmps == 0)

        #expect(r.act(.unplug, then: .seconds(1)) == [], "the session is over already")
        #expect(
            r.act(.plug, then: .seconds(10)) == [
                "SessionStarted", "AuthRequired", "Authorized", "TransactionStarted", "PrepareCharging",
                "ChargingStarted",
            ])
        #expect(r.tracker.state == .charging)
    }

    @Test("an EV plugged in while disabled is seen when the EVSE leaves state F: a session starts")
    func plugWhileDisabled() {
        var r = SessionRig()
        _ = r.act(Self.table(.disable), then: .seconds(1))
        #expect(r.act(.plug, then: .seconds(5)) == [])
        #expect(
            r.act(Self.table(.enable), then: .seconds(10)) == [
                "Enabled", "SessionStarted", "AuthRequired", "Authorized", "TransactionStarted", "PrepareCharging",
                "ChargingStarted",
            ])
        #expect(r.rig.state == .c)
    }

    @Test("authorization required: AuthRequired without PWM until authorize, then the transaction")
    func authorizationRequired() {
        var r = SessionRig { p, _ in p.everest.authorization = .required }
        #expect(r.act(.plug, then: .seconds(5)) == ["SessionStarted", "AuthRequired"])
        #expect(r.tracker.state == .authRequired)
        #expect(r.rig.state == .b)
        #expect(r.rig.s.pilotSignal == .steadyHigh)
        #expect(
            r.act(.authorize, then: .seconds(5)) == [
                "Authorized", "TransactionStarted", "PrepareCharging", "ChargingStarted",
            ])
        #expect(r.tracker.state == .charging)
        #expect(r.rig.state == .c)
        #expect(r.act(.authorize) == [], "a second token changes nothing")
    }

    @Test("no token within the connection timeout: Deauthorized, PluginTimeout; only a replug starts over")
    func authorizationTimeout() {
        var r = SessionRig { p, _ in
            p.everest.authorization = .required
            p.everest.connectionTimeout = .seconds(30)
        }
        #expect(r.act(.plug, then: .seconds(29)) == ["SessionStarted", "AuthRequired"])
        r.rig.run(.seconds(2))
        #expect(r.take() == ["Deauthorized", "PluginTimeout"])
        #expect(r.tracker.state == .authTimeout)
        #expect(r.act(.authorize, then: .seconds(5)) == [], "too late: the Auth module gave up on this plug-in")
        #expect(r.rig.state == .b)
        #expect(r.act(.unplug, then: .seconds(1)) == ["SessionFinished"])
        #expect(r.tracker.state == .unplugged)
        #expect(r.act(.plug, then: .seconds(1)) == ["SessionStarted", "AuthRequired"])
    }

    @Test("a reservation: Reserved; the plugged-in EV waits for the reserved token; the transaction uses it up")
    func reservation() {
        var r = SessionRig()
        #expect(r.act(.reserve) == ["ReservationStart"])
        #expect(r.tracker.state == .reserved)
        #expect(r.act(.reserve) == [], "the same reservation again: no new event")
        #expect(r.act(.plug, then: .seconds(5)) == ["SessionStarted", "AuthRequired"])
        #expect(r.rig.s.pilotSignal == .steadyHigh, "the automatic token is not the reserved one")
        #expect(
            r.act(.authorize, then: .seconds(5)) == [
                "Authorized", "TransactionStarted", "PrepareCharging", "ChargingStarted",
            ])
        #expect(!r.rig.s.everest.reserved, "used up without a ReservationEnd")
        #expect(r.act(.reserve) == [], "refused outside Idle")
        #expect(!r.rig.s.everest.reserved)
    }

    @Test("cancelReservation ends it; a disable cancels it between its two Disabled events")
    func reservationEnds() {
        var r = SessionRig()
        _ = r.act(.reserve)
        #expect(r.act(.cancelReservation) == ["ReservationEnd"])
        #expect(r.tracker.state == .unplugged)
        #expect(r.act(.cancelReservation) == [])
        _ = r.act(.reserve)
        #expect(r.act(Self.table(.disable), then: .seconds(1)) == ["Disabled", "ReservationEnd", "Disabled"])
        #expect(r.act(.reserve) == [], "refused while disabled")
    }

    @Test("a fatal error cancels the reservation (ForceErrorShutdown)")
    func fatalErrorCancelsReservation() {
        var r = SessionRig()
        _ = r.act(.reserve)
        #expect(r.act(.plug, then: .seconds(1)) == ["SessionStarted", "AuthRequired"])
        #expect(r.act(.injectFault(.stateE), then: .seconds(1)) == ["ReservationEnd"])
        #expect(r.rig.s.everest.errors.isInoperative)
        #expect(!r.rig.s.everest.reserved)

    }
}
