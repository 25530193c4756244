import Foundation
import Glibc
import SimCore
import Testing

@testable import Live
@testable import Transport

/// Tests of the reactor. Pacing, lag and stops run on a ``ManualLoopClock`` (exact, no waiting);
/// the tests whose subject is real time (input from another process, a stop from another
/// thread, a signal) use the wall clock. Serialized: they spawn processes and handle signals.
@Suite("LiveLoop", .serialized)
struct LiveLoopTests {
    func makeLoop(
        _ sim: DemoCounter, _ pacing: Pacing, signals: Bool = false, clock: any LiveClock = WallClock()
    ) throws -> LiveLoop {
        try LiveLoop(
            simulation: sim, configuration: LiveLoop.Configuration(pacing: pacing, handlesSignals: signals),
            clock: clock, logger: quietLogger)
    }

    @Test("at x10, two simulated seconds take 0.2 s of the loop's clock, every event on time")
    func pacedRun() throws {
        let sim = DemoCounter(period: .milliseconds(100))
        let clock = ManualLoopClock()
        let start = clock.now
        let loop = try makeLoop(sim, .scaled(10), clock: clock)
        let report = try loop.run(until: .seconds(2))
        #expect(report.ending == .reachedLimit)
        #expect(sim.now == .seconds(2))
        #expect(sim.ticks == (1...20).map { .zero + .milliseconds(100) * Int64($0) })
        #expect(report.eventInstants == 20)
        #expect(nearlyEqual(clock.now - start, .milliseconds(200)), "paced at x10: \(clock.now - start)")
        #expect(report.lateEvents == 0)
        #expect(report.maxLag < .microseconds(1))
    }

    @Test("maximum speed never waits on deadlines but still polls I/O")
    func maximumSpeed() throws {
        let sim = DemoCounter(period: .seconds(1))
        let loop = try makeLoop(sim, .maximum)
        let report = try loop.run(until: .zero + .hours(10))
        #expect(report.ending == .reachedLimit)
        #expect(sim.ticks.count == 36_000)
        #expect(report.lateEvents == 0)
        print("maximum speed, 10 simulated hours: \(report.wallElapsed)")

        // An endless run at maximum speed still notices a pty client and applies its input.
        let endless = DemoCounter(period: .seconds(1))
        let device = try PTYDevice(linkPath: uniqueLinkPath("max"), logger: quietLogger)
        defer { device.close() }
        let fast = try makeLoop(endless, .maximum)
        fast.register(device, name: "pty") { readiness in
            for case .received(let bytes) in device.service(readiness.events, now: readiness.wallTime) {
                endless.receive(String(decoding: bytes, as: UTF8.self))
                fast.requestStop()
            }
        }
        let client = try PTYClient.start([.open(device.linkPath), .write("$GS\r"), .sleep(0.2), .close])
        defer { client.stop() }
        let endlessReport = try fast.run(until: .distantFuture)
        #expect(endlessReport.ending == .stopRequested)
        #expect(endless.inputs.map(\.text) == ["$GS\r"])
        let input = try #require(endless.inputs.first)
        #expect(input.at > .zero, "simulated time kept running while waiting for input")
        #expect(input.at == endless.now)
    }

    @Test("pty input is applied at the simulated instant of its arrival")
    func inputStamping() throws {
        let sim = DemoCounter(period: .milliseconds(100))
        let device = try PTYDevice(
            linkPath: uniqueLinkPath("stamp"), detachedCheckInterval: .milliseconds(20), logger: quietLogger)
        defer { device.close() }
        let loop = try makeLoop(sim, .scaled(10))
        var stamps: [(readiness: LiveReadiness, simNow: SimInstant, next: SimInstant?)] = []
        loop.register(device, name: "pty") { readiness in
            for event in device.service(readiness.events, now: readiness.wallTime) {
                guard case .received(let bytes) = event else { continue }
                stamps.append((readiness, sim.now, sim.nextEventTime()))
                sim.receive(String(decoding: bytes, as: UTF8.self))
                device.write("$OK\r", now: readiness.wallTime)
            }
        }
        var spawnedAt: ContinuousClock.Instant?
        var spawned: TestProcess?
        defer { spawned?.stop() }
        sim.schedule(at: .seconds(1)) {
            spawnedAt = .now
            // Sleeps 0.2 s of wall time after opening: 2 s of simulated time at x10.
            spawned = try? PTYClient.start([
                .open(device.linkPath), .sleep(0.2), .write("$GS\r"), .read(until: "\r"), .close,
            ])
        }
        try loop.run(until: .seconds(10))
        let exited = ContinuousClock.now
        let stamp = try #require(stamps.first)
        #expect(stamps.count == 1)
        #expect(sim.inputs.map(\.text) == ["$GS\r"])

        let t = stamp.readiness.simTime
        let spawn = try #require(spawnedAt)
        print("input stamped at \(t), spawned at \(loop.simInstant(at: spawn))")
        #expect(stamp.simNow == t, "the simulation was run up to the input's instant")
        #expect(stamp.next.map { $0 >= t } ?? true, "no pending event is earlier than the input")
        #expect(t <= loop.simInstant(at: stamp.readiness.wallTime), "never ahead of the wall clock")
        #expect(t >= loop.simInstant(at: spawn) + .seconds(2) - .milliseconds(500))
        #expect(t <= loop.simInstant(at: exited))
        let client = try #require(spawned)
        #expect(client.waitForExit(timeout: .seconds(5)))
        #expect(try PTYClient.result(of: client).reads == ["$OK\r"])
    }

    @Test("a stop request from another thread ends a blocked run through the wake-up pipe")
    func stopFromAnotherThread() throws {
        // One event at 0.1 s, then nothing for an hour: the loop sits in `poll` when the stop comes.
        let sim = DemoCounter(period: .hours(1))
        let reached = DispatchSemaphore(value: 0)
        sim.schedule(at: .seconds(0.1)) { reached.signal() }
        let loop = try makeLoop(sim, .scaled(1))
        let stopper = loop.stopper
        Thread {
            reached.wait()
            stopper.requestStop()
        }.start()
        let report = try loop.run()
        #expect(report.ending == .stopRequested)
        #expect(sim.now >= .seconds(0.1))
        #expect(sim.ticks.isEmpty)
    }

    @Test(
        "an endless paced run waits for far events instead of jumping to them",
        arguments: [Pacing.scaled(1), .scaled(0.001), .scaled(1_000_000)])
    func endlessRunWaits(pacing: Pacing) throws {
        let sim = DemoCounter(period: .hours(1_000))
        let clock = ManualLoopClock()
        let loop = try makeLoop(sim, pacing, clock: clock)
        let stop = Watchdog(interval: .milliseconds(150))
        stop.rearm(after: clock.now)
        loop.register(stop, name: "stop") { _ in loop.requestStop() }
        let report = try loop.run(until: .distantFuture)
        #expect(report.ending == .stopRequested)
        #expect(sim.ticks.isEmpty)
        #expect(sim.now < .zero + .hours(1_000))
        #expect(sim.now == loop.simInstant(at: clock.now), "simulated time followed the clock, no jump")
    }

    @Test("a stop request from inside the simulation ends the run at that instant")
    func stopFromInside() throws {
        let sim = DemoCounter(period: .milliseconds(100))
        let loop = try makeLoop(sim, .scaled(10), clock: ManualLoopClock())
        sim.schedule(at: .seconds(1.05)) { loop.requestStop() }
        let report = try loop.run(until: .seconds(100))
        #expect(report.ending == .stopRequested)
        #expect(report.simEnd == .seconds(1.05))
    }

    @Test("SIGTERM stops the run in order: the caller then removes the link")
    func sigtermStopsInOrder() throws {
        let sim = DemoCounter(period: .milliseconds(100))
        let device = try PTYDevice(linkPath: uniqueLinkPath("sigterm"), logger: quietLogger)
        // The wall clock, not a manual one: a signal arrives asynchronously, and a manual clock
        // would let the loop reach its limit before the handler has written to the wake-up pipe.
        let loop = try makeLoop(sim, .scaled(10), signals: true)
        loop.register(device, name: "pty") { readiness in _ = device.service(readiness.events, now: readiness.wallTime)
        }
        var handlerInstalled = false
        sim.schedule(at: .seconds(0.5)) {
            var current = sigaction()
            sigaction(SIGTERM, nil, &current)
            handlerInstalled =
                current.__sigaction_handler.sa_handler != nil
                && unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self) > 1  // not SIG_DFL/SIG_IGN
            // Only send a real SIGTERM when our handler is in place: otherwise it would end the test run.
            if handlerInstalled { kill(getpid(), SIGTERM) } else { loop.requestStop() }
        }
        let report = try loop.run(until: .seconds(100))
        #expect(handlerInstalled)
        #expect(report.ending == .signal(SIGTERM))
        #expect(sim.now < .seconds(100))

        device.close()
        var info = stat()
        #expect(lstat(device.linkPath, &info) != 0)
        var restored = sigaction()
        sigaction(SIGTERM, nil, &restored)
        #expect(unsafeBitCast(restored.__sigaction_handler.sa_handler, to: Int.self) <= 1, "handler uninstalled")
    }

    @Test("falling behind is measured: max lag and late events")
    func lagIsReported() throws {
        let sim = DemoCounter(period: .milliseconds(10))
        let clock = ManualLoopClock()
        sim.onTick = { t in
            if t == .zero + .milliseconds(50) { clock.advance(by: .milliseconds(80)) }  // a handler that takes 80 ms
        }
        let loop = try makeLoop(sim, .scaled(1), clock: clock)
        let report = try loop.run(until: .seconds(0.3))
        // The event due at 60 ms runs at 130 ms: 70 ms late; those due at 70…110 ms are more
        // than the 10 ms tolerance late too, the one at 120 ms exactly 10 ms.
        #expect(nearlyEqual(report.maxLag, .milliseconds(70)), "\(report)")
        #expect(report.lateEvents == 6)
        #expect(loop.maxLag == report.maxLag)
        #expect(sim.ticks.count == 30, "late events still all run, in order")
    }
}

/// Within a microsecond: the pacer converts through floating point.
private func nearlyEqual(_ a: Duration, _ b: Duration) -> Bool { a - b < .microseconds(1) && b - a < .microseconds(1) }
