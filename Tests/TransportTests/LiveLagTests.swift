import Glibc
import SimCore
import Testing

@testable import Live
@testable import Transport

/// The loop reports lag as it happens (README, "Live lag"): one crossing of the warning
/// threshold, one recovery, and the current lag readable at any time. A ``ManualLoopClock``
/// makes the lag exact: a handler "takes" 1.5 s at simulated 0.5 s.
@Suite("Live lag")
struct LiveLagTests {
    struct Crossing: Equatable {
        var lagging: Bool
        var lagMs: Int64
        var at: SimInstant
    }

    func run(threshold: Duration) throws -> (crossings: [Crossing], loop: LiveLoop, seenLag: [Duration]) {
        let sim = DemoCounter(period: .milliseconds(100))
        let clock = ManualLoopClock()
        var seenLag: [Duration] = []
        let loop = try LiveLoop(
            simulation: sim,
            configuration: LiveLoop.Configuration(
                pacing: .scaled(1), handlesSignals: false, lagWarningThreshold: threshold),
            clock: clock, logger: quietLogger)
        sim.onTick = { [unowned loop] t in
            seenLag.append(loop.currentLag)
            if t == .zero + .milliseconds(500) { clock.advance(by: .milliseconds(1500)) }
        }
        var crossings: [Crossing] = []
        loop.onLagChange = { lagging, lag, at in
            crossings.append(Crossing(lagging: lagging, lagMs: (lag.nanosecondsRounded + 500_000) / 1_000_000, at: at))
        }
        try loop.run(until: .seconds(2))
        return (crossings, loop, seenLag)
    }

    @Test("a lag over 1 s is reported once when crossed and once when it recovers")
    func crossingAndRecovery() throws {
        let (crossings, loop, seenLag) = try run(threshold: .seconds(1))
        // The event due at 0.6 s runs at wall 2.0 s (1.4 s late); the overdue ones after it run at
        // once, each 0.1 s less late, until the one at 1.0 s is exactly 1 s late: recovered.
        #expect(
            crossings == [
                Crossing(lagging: true, lagMs: 1400, at: .zero + .milliseconds(600)),
                Crossing(lagging: false, lagMs: 1000, at: .zero + .milliseconds(1000)),
            ])
        #expect(seenLag.contains { $0 > .seconds(1) }, "the lag was readable while it lasted")
        #expect(!loop.isLagging)
        #expect(loop.currentLag < .milliseconds(1), "on time again at the end: \(loop.currentLag)")
    }

    @Test("the threshold is a setting", arguments: [Duration.seconds(2), .seconds(5)])
    func higherThreshold(threshold: Duration) throws {
        let (crossings, loop, _) = try run(threshold: threshold)
        #expect(crossings.isEmpty)
        #expect(loop.maxLag > .seconds(1), "the run did fall behind")
    }

    @Test("a live fleet traces live.lag on crossing and recovery, and shows its current lag")
    func fleetTracesLag() throws {
        var configuration = try LiveSetup.configuration(ptyPath: nil)
        let tracePath = LiveSetup.temporaryPath("lag.jsonl")
        defer { unlink(tracePath) }
        configuration.tracePath = tracePath
        let fleet = try LiveFleet(configuration: configuration, logger: quietLogger)
        defer { fleet.stop() }
        let clock = ManualLoopClock()
        let loop = try LiveLoop(
            simulation: fleet, configuration: LiveLoop.Configuration(pacing: .scaled(1), handlesSignals: false),
            clock: clock, logger: quietLogger)
        fleet.attach(to: loop)
        try fleet.start()
        var stalled = false
        var seen = Duration.zero
        fleet.onPublish = { _ in
            seen = max(seen, fleet.currentLag)
            // The publication at 3 s "takes" 2.5 s of the wall clock.
            if !stalled, fleet.now >= .at(3) {
                stalled = true
                clock.advance(by: .milliseconds(2500))
            }
        }
        #expect(fleet.currentLag == .zero)
        try loop.run(until: .at(8))
        fleet.stop()
        #expect(seen > .seconds(1), "the lag was visible while it lasted")
        let lag = try LiveSetup.traceRecords(tracePath).filter { $0["kind"] as? String == "live.lag" }
        #expect(lag.map { $0["lagging"] as? Bool } == [true, false], "\(lag)")
        let first = try #require(lag.first)
        #expect((first["lag_ms"] as? Double ?? 0) > 1000)
        #expect(first["src"] as? String == "live")
    }
}
