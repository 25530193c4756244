import SimCore
import Testing

@testable import EVSEModel

/// One EvseManager event sequence (`Charger::run_state_machine()`): events that lead to the scenario's starting point,
/// then the scenario's events and the API state after each.
struct SessionScenario: Sendable, CustomTestStringConvertible {
    var name: String
    var setup: [EverestSessionEvent]
    var events: [EverestSessionEvent]
    var states: [EverestSessionState]
    var testDescription: String { name }
}

private let startupRow = EnableDisableRow(source: .unspecified, state: .enable, priority: 10_000)
private let meter = EverestMeterSnapshot(importWh: 0)
private let plugIn: [EverestSessionEvent] = [
    .enabled(source: startupRow), .sessionStarted, .authRequired, .authorized, .transactionStarted(meter: meter),
    .prepareCharging, .chargingStarted,
]

@Suite("Legacy API session tracker (API module SessionInfo)")
struct EverestSessionTrackerTests {
    static let scenarios: [SessionScenario] = [
        SessionScenario(
            name: "start-up", setup: [], events: [.enabled(source: startupRow)], states: [.unplugged]),
        SessionScenario(
            name: "plug-in with a token", setup: [.enabled(source: startupRow)], events: Array(plugIn.dropFirst()),
            states: [.preparing, .authRequired, .authRequired, .preparing, .preparing, .charging]),
        SessionScenario(
            name: "unplug while charging", setup: plugIn,
            events: [
                .stoppingCharging, .chargingFinished, .transactionFinished(reason: .evDisconnected, meter: meter),
                .sessionFinished,
            ],
            states: [.finishedEV, .finished, .finished, .unplugged]),
        SessionScenario(
            name: "API stop_charging, later unplug", setup: plugIn,
            events: [
                .stoppingCharging, .chargingFinished, .transactionFinished(reason: .local, meter: meter),
                .sessionFinished,
            ],
            states: [.finishedEV, .finished, .finishedEVSE, .unplugged]),
        SessionScenario(
            name: "API pause_charging / resume_charging", setup: plugIn,
            events: [
                .stoppingCharging, .chargingPausedEVSE(reasons: [.userPause]), .prepareCharging, .chargingStarted,
            ],
            states: [.finishedEV, .chargingPausedEVSE, .preparing, .charging]),
        SessionScenario(
            name: "EV pauses (C→B) and resumes", setup: plugIn,
            events: [.stoppingCharging, .chargingPausedEV, .prepareCharging, .chargingStarted],
            states: [.finishedEV, .chargingPausedEV, .preparing, .charging]),
        SessionScenario(
            name: "limit drops below 6 A and comes back", setup: plugIn,
            events: [.stoppingCharging, .chargingPausedEVSE(reasons: [.noEnergy]), .prepareCharging, .chargingStarted],
            states: [.finishedEV, .chargingPausedEVSE, .preparing, .charging]),
        SessionScenario(
            name: "fatal error while charging, then cleared", setup: plugIn,
            events: [.stoppingCharging, .chargingPausedEVSE(reasons: [.error]), .prepareCharging, .chargingStarted],
            states: [.finishedEV, .chargingPausedEVSE, .preparing, .charging]),
        SessionScenario(
            name: "no authorization in time", setup: [.enabled(source: startupRow), .sessionStarted, .authRequired],
            events: [.deauthorized, .pluginTimeout], states: [.authRequired, .authTimeout]),
        SessionScenario(
            name: "disable via enable_disable", setup: [.enabled(source: startupRow)],
            events: [
                .disabled(source: EnableDisableRow(source: .localAPI, state: .disable, priority: 100)),
                .disabled(source: EnableDisableRow(source: .localAPI, state: .disable, priority: 100)),
            ],
            states: [.disabled, .disabled]),
        SessionScenario(
            name: "enable again",
            setup: [.disabled(source: EnableDisableRow(source: .localAPI, state: .disable, priority: 100))],
            events: [.enabled(source: EnableDisableRow(source: .localAPI, state: .enable, priority: 100))],
            states: [.unplugged]),
        SessionScenario(
            name: "EV never goes to C",
            setup: Array(plugIn.dropLast()), events: [.chargingPausedEV], states: [.chargingPausedEV]),
    ]

    @Test("every row of the event-sequence table", arguments: scenarios)
    func scenario(_ scenario: SessionScenario) {
        var tracker = EverestSessionTracker(startedAt: .zero)
        for event in scenario.setup { tracker.handle(event, at: .zero) }
        var seen: [EverestSessionState] = []
        for event in scenario.events {
            tracker.handle(event, at: .zero)
            seen.append(tracker.state)
        }
        #expect(seen == scenario.states)
    }

    @Test("the state starts Unknown and Enabled/Disabled carry the source into the tracker")
    func enableDisableSource() {
        var tracker = EverestSessionTracker(startedAt: .zero)
        #expect(tracker.state == .unknown)
        #expect(tracker.activeEnableDisableSource == nil)
        let csms = EnableDisableRow(source: .csms, state: .disable, priority: 5000)
        tracker.handle(.disabled(source: csms, connectorID: 1), at: .zero)
        #expect(tracker.activeEnableDisableSource == csms)
    }

    private func t(_ seconds: Int64) -> SimInstant { .zero + .seconds(seconds) }

    @Test("legacy counters: reset only at TransactionStarted, frozen outside charging-like states")
    func legacyCounters() {
        var tracker = EverestSessionTracker(startedAt: t(0))
        tracker.handle(.enabled(source: startupRow), at: t(0))
        tracker.handle(.sessionStarted, at: t(10))
        tracker.handle(.authRequired, at: t(10))
        tracker.handle(.transactionStarted(meter: EverestMeterSnapshot(importWh: 1000.9)), at: t(20))
        tracker.handle(.prepareCharging, at: t(20))
        // Preparing: frozen.
        tracker.handlePowermeter(importWh: 1010, totalW: 50, at: t(25))
        #expect(tracker.chargedEnergyWh == 0)
        #expect(tracker.chargingDurationSeconds == 0)
        #expect(tracker.latestTotalW == 50, "latest_total_w tracks every message")
        tracker.handle(.chargingStarted, at: t(30))
        tracker.handlePowermeter(importWh: 1500.7, totalW: 7400, at: t(90))
        #expect(tracker.chargedEnergyWh == 500, "int32 truncation of both readings: 1500 − 1000")
        #expect(tracker.chargingDurationSeconds == 70)
        tracker.handle(.stoppingCharging, at: t(100))
        tracker.handlePowermeter(importWh: 1600, totalW: 0, at: t(101))  // FinishedEV: frozen
        #expect(tracker.chargedEnergyWh == 500)
        let publishNow = tracker.handle(
            .transactionFinished(reason: .evDisconnected, meter: EverestMeterSnapshot(importWh: 1610)), at: t(102))
        #expect(publishNow)
        #expect(tracker.chargedEnergyWh == 610)
        #expect(tracker.chargingDurationSeconds == 82)
        tracker.handle(.sessionFinished, at: t(110))
        tracker.handlePowermeter(importWh: 0, totalW: 0, at: t(200))
        #expect(tracker.state == .unplugged)
        #expect(tracker.chargedEnergyWh == 610, "the last session's values stay visible after unplug")

        // Next session: while AuthRequired the counters run against the previous start.
        tracker.handle(.sessionStarted, at: t(3600))
        tracker.handle(.authRequired, at: t(3600))
        tracker.handlePowermeter(importWh: 0, totalW: 0, at: t(3601))
        #expect(tracker.chargedEnergyWh == -1000)
        #expect(tracker.chargingDurationSeconds == 3581)
        tracker.handle(.transactionStarted(meter: EverestMeterSnapshot(importWh: 0)), at: t(3602))
        #expect(tracker.chargedEnergyWh == 0)
        #expect(tracker.chargingDurationSeconds == 0)
    }

    @Test("legacy counters before any transaction count from module start")
    func legacyCountersBeforeFirstTransaction() {
        var tracker = EverestSessionTracker(startedAt: t(5))
        tracker.handle(.sessionStarted, at: t(50))
        tracker.handle(.authRequired, at: t(50))
        tracker.handlePowermeter(importWh: 1234.5, at: t(60))
        #expect(tracker.chargedEnergyWh == 1234)
        #expect(tracker.chargingDurationSeconds == 55)
    }

    @Test("discharged energy needs export at both ends")
    func dischargedEnergy() {
        var tracker = EverestSessionTracker(startedAt: .zero)
        tracker.handle(.transactionStarted(meter: EverestMeterSnapshot(importWh: 0)), at: t(0))
        tracker.handle(.chargingStarted, at: t(0))
        tracker.handlePowermeter(importWh: 0, exportWh: 300, at: t(10))
        #expect(tracker.dischargedEnergyWh == 0, "no export in the TransactionStarted meter value")
        tracker.handle(.transactionStarted(meter: EverestMeterSnapshot(importWh: 0, exportWh: 300)), at: t(20))
        tracker.handle(.chargingStarted, at: t(20))
        tracker.handlePowermeter(importWh: 0, exportWh: 450, at: t(30))
        #expect(tracker.dischargedEnergyWh == 150)
        tracker.handle(.transactionFinished(reason: .local, meter: EverestMeterSnapshot(importWh: 0)), at: t(40))
        #expect(tracker.dischargedEnergyWh == 0, "TransactionFinished without export clears the end flag")
    }

    @Test("documented counters: zero at SessionStarted, running through Preparing, frozen after TransactionFinished")
    func documentedCounters() {
        var tracker = EverestSessionTracker(startedAt: .zero, legacyCounters: false)
        tracker.handle(.enabled(source: startupRow), at: t(0))
        tracker.handlePowermeter(importWh: 5000, at: t(1))
        tracker.handle(.sessionStarted, at: t(10))
        #expect(tracker.chargedEnergyWh == 0)
        tracker.handle(.transactionStarted(meter: EverestMeterSnapshot(importWh: 5000)), at: t(12))
        tracker.handle(.prepareCharging, at: t(12))
        tracker.handlePowermeter(importWh: 5002, at: t(20))
        #expect(tracker.chargedEnergyWh == 2)
        #expect(tracker.chargingDurationSeconds == 8, "Preparing counts too")
        tracker.handle(.chargingStarted, at: t(20))
        tracker.handlePowermeter(importWh: 6000, at: t(100))
        tracker.handle(
            .transactionFinished(reason: .evDisconnected, meter: EverestMeterSnapshot(importWh: 6001)), at: t(101))
        tracker.handle(.sessionFinished, at: t(102))
        tracker.handlePowermeter(importWh: 6001, at: t(500))
        #expect(tracker.chargedEnergyWh == 1001)
        #expect(tracker.chargingDurationSeconds == 89)
        tracker.handle(.sessionStarted, at: t(600))
        tracker.handle(.authRequired, at: t(600))
        tracker.handlePowermeter(importWh: 6001, at: t(610))
        #expect(tracker.chargedEnergyWh == 0, "a new session starts at zero")
        #expect(tracker.chargingDurationSeconds == 10)
    }

    @Test("the random-delay object is visible only while the countdown is positive")
    func countdownVisibility() {
        var tracker = EverestSessionTracker(startedAt: .zero)
        let running = UKRandomDelayCountdown(
            countdownSeconds: 12, currentLimitAfterDelayA: 16, currentLimitDuringDelayA: 0, startTime: .zero)
        tracker.handleCountdown(running)
        #expect(tracker.visibleUKRandomDelay == running)
        tracker.handleCountdown(
            UKRandomDelayCountdown(countdownSeconds: 0, currentLimitAfterDelayA: 16, currentLimitDuringDelayA: 0))
        #expect(tracker.visibleUKRandomDelay == nil)
    }
}
