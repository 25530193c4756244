import Foundation
import Glibc
import SimCore
import Testing

@testable import Live
@testable import Transport

/// Wall-clock tests of the reactor: serialized, and bounds generous enough for a loaded 2-core
/// machine. Pacing is reported, never asserted tightly.
@Suite("LiveLoop", .serialized)
struct LiveLoopTests {
    func makeLoop(_ sim: DemoCounter, _ pacing: Pacing, signals: Bool = false) throws -> LiveLoop {
        try LiveLoop(
            simulation: sim, configuration: LiveLoop.Configuration(pacing: pacing, handlesSignals: signals),
            logger: quietLogger)
    }

    @Test("at x10, two simulated seconds take about 0.2 s of wall time")
    func pacedRun() throws {
        let sim = DemoCounter(period: .milliseconds(100))
        let loop = try makeLoop(sim, .scaled(10))
        let report = try loop.run(until: .seconds(2))
        print("x10 pacing: \(report)")
        #expect(report.ending == .reachedLimit)
        #expect(sim.now == .seconds(2))
        #expect(sim.ticks == (1...20).map { .zero + .milliseconds(100) * Int64($0) })
        #expect(report.eventInstants == 20)
        #expect(report.wallElapsed > .milliseconds(100), "waited for deadlines, not maximum speed")
        #expect(report.wallElapsed < .seconds(2), "paced at x10, not real time")
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

    @Test("a stop request from another thread ends the run through the wake-up pipe")
    func stopFromAnotherThread() throws {
        let sim = DemoCounter(period: .milliseconds(10))
        let loop = try makeLoop(sim, .scaled(1))
        let stopper = loop.stopper
        let thread = Thread {
            usleep(200_000)
            stopper.requestStop()
        }
        thread.start()
        let report = try loop.run()
        #expect(report.ending == .stopRequested)
        #expect(report.wallElapsed >= .milliseconds(150))
        #expect(sim.now > .zero)
        #expect(report.wallElapsed < .seconds(5))
    }

    @Test(
        "an endless paced run waits for far events instead of jumping to them",
        arguments: [Pacing.scaled(1), .scaled(0.001), .scaled(1_000_000)])
    func endlessRunWaits(pacing: Pacing) throws {
        let sim = DemoCounter(period: .hours(1_000))
        let loop = try makeLoop(sim, pacing)
        let stopper = loop.stopper
        Thread {
            usleep(150_000)
            stopper.requestStop()
        }.start()
        let report = try loop.run(until: .distantFuture)
        #expect(report.ending == .stopRequested)
        #expect(sim.ticks.isEmpty)
        #expect(sim.now < .zero + .hours(1_000))
    }

    @Test("a stop request from inside the simulation ends the run at that instant")
    func stopFromInside() throws {
        let sim = DemoCounter(period: .milliseconds(100))
        let loop = try makeLoop(sim, .scaled(10))
        sim.schedule(at: .seconds(1.05)) { loop.requestStop() }
        let report = try loop.run(until: .seconds(100))
        #expect(report.ending == .stopRequested)
        #expect(report.simEnd == .seconds(1.05))
    }

    @Test("SIGTERM stops the run in order: the caller then removes the link")
    func sigtermStopsInOrder() throws {
        let sim = DemoCounter(period: .milliseconds(100))
        let device = try PTYDevice(linkPath: uniqueLinkPath("sigterm"), logger: quietLogger)
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
        sim.onTick = { t in
            if t == .zero + .milliseconds(50) { usleep(80_000) }  // a handler that hogs the thread
        }
        let loop = try makeLoop(sim, .scaled(1))
        let report = try loop.run(until: .seconds(0.3))
        print("lag: \(report)")
        #expect(report.lateEvents >= 1)
        #expect(report.maxLag >= .milliseconds(60))
        #expect(loop.maxLag == report.maxLag)
        #expect(sim.ticks.count == 30, "late events still all run, in order")
    }
}
