import Glibc
public import Logging
public import SimCore

/// The single-threaded reactor of live mode (README, "Serving a live station").
///
/// One `poll` waits on a wake-up pipe and on every registered source's descriptor, with a
/// timeout that ends at the wall deadline of the next simulation event, the earliest source
/// deadline, or ``Configuration/maximumPollWait``, whichever comes first. Deadlines come from a
/// `Pacer` anchored once per run, so pacing does not drift. Everything (events, pty bytes, MQTT
/// messages, timers) runs on the calling thread, one thing at a time: the simulation needs no
/// locks.
///
/// The loop owns no resource but its wake-up pipe: the caller closes the pty and disconnects the
/// broker after ``run(until:)`` returns, whatever the reason.
public final class LiveLoop {
    /// How a run is paced and bounded.
    public struct Configuration: Sendable {
        /// How fast simulated time runs; `.maximum` never waits on deadlines.
        public var pacing: Pacing
        /// The longest a single `poll` may block. Keeps the loop responsive to sources that
        /// cannot be polled (a detached pty, whose POLLHUP is level-triggered).
        public var maximumPollWait: Duration
        /// An event instant that runs later than its deadline by more than this counts as late.
        public var lateTolerance: Duration
        /// Whether SIGINT and SIGTERM stop the run in order while it lasts.
        public var handlesSignals: Bool
        /// A lag above this is reported as it happens: one warning when it is crossed, one
        /// notice when the loop has caught up again (README, "Live lag").
        public var lagWarningThreshold: Duration

        /// Creates a configuration.
        public init(
            pacing: Pacing,
            maximumPollWait: Duration = .milliseconds(100),
            lateTolerance: Duration = .milliseconds(10),
            handlesSignals: Bool = true,
            lagWarningThreshold: Duration = .seconds(1)
        ) {
            self.pacing = pacing
            self.maximumPollWait = min(max(maximumPollWait, .zero), .milliseconds(100))
            self.lateTolerance = lateTolerance
            self.handlesSignals = handlesSignals
            self.lagWarningThreshold = max(lagWarningThreshold, .zero)
        }
    }

    /// A handle that stops the loop from any thread.
    public struct Stopper: Sendable {
        fileprivate let pipe: WakeupPipe

        /// Asks the loop to return from ``LiveLoop/run(until:)`` after its current iteration.
        public func requestStop() { pipe.post(WakeupPipe.stopByte) }
    }

    private struct Registration {
        let source: any LiveSource
        let name: String
        let handler: (LiveReadiness) -> Void
    }

    /// The simulation the loop drives.
    public let simulation: any LiveSimulation
    /// The configuration of every run.
    public let configuration: Configuration
    private let logger: Logger
    private let wakeup: WakeupPipe
    private let clock: any LiveClock
    private var registrations: [Registration] = []
    private var pacer: Pacer
    private var stopReason: LiveRunReport.Ending?
    private var running = false

    /// The largest lag seen so far, over all runs.
    public private(set) var maxLag: Duration = .zero
    /// How many event instants ran late so far, over all runs.
    public private(set) var lateEvents = 0
    /// The lag of the last event instant the loop ran: how far the simulation is behind the
    /// wall clock right now (zero when it keeps pace or runs at maximum speed).
    public private(set) var currentLag: Duration = .zero
    /// Whether ``currentLag`` is above ``Configuration/lagWarningThreshold``.
    public private(set) var isLagging = false
    /// Called on the loop's thread when the lag crosses the threshold (`true`) and when it
    /// falls back under it (`false`), with the lag at that moment and the simulated instant.
    public var onLagChange: ((_ lagging: Bool, _ lag: Duration, _ at: SimInstant) -> Void)?

    /// Creates a loop around `simulation`.
    /// - Parameter clock: Where the loop reads the time and how it waits (the wall clock unless
    ///   a test gives another).
    /// - Throws: ``LiveLoopError`` when the wake-up pipe cannot be created.
    public init(
        simulation: any LiveSimulation, configuration: Configuration, clock: any LiveClock = WallClock(),
        logger: Logger
    ) throws(LiveLoopError) {
        self.simulation = simulation
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
        self.wakeup = try WakeupPipe()
        self.pacer = Pacer(pacing: configuration.pacing, simNow: simulation.now, wallNow: clock.now)
    }

    /// Adds a source; `handler` runs on the loop's thread when it is ready or its deadline passed.
    public func register(_ source: any LiveSource, name: String, handler: @escaping (LiveReadiness) -> Void) {
        registrations.append(Registration(source: source, name: name, handler: handler))
    }

    /// A thread-safe handle that stops the loop.
    public var stopper: Stopper { Stopper(pipe: wakeup) }

    /// Stops the loop after its current iteration (call from the loop's thread, e.g. a handler).
    public func requestStop() {
        if stopReason == nil { stopReason = .stopRequested }
    }

    /// The simulated instant that corresponds to wall instant `wall` in the current run's pacing.
    public func simInstant(at wall: ContinuousClock.Instant) -> SimInstant { pacer.simInstant(at: wall) }

    /// Runs until the simulation reaches `limit` (nil: no limit), a stop is requested, or a
    /// SIGINT/SIGTERM arrives.
    /// - Throws: ``LiveLoopError`` when `poll` fails for a reason other than EINTR.
    @discardableResult
    public func run(until limit: SimInstant? = nil) throws(LiveLoopError) -> LiveRunReport {
        precondition(!running, "LiveLoop.run(until:) is not reentrant")
        running = true
        defer { running = false }
        let trap = configuration.handlesSignals ? SignalTrap(pipe: wakeup) : nil
        if configuration.handlesSignals, trap == nil {
            logger.warning("another live loop is handling SIGINT/SIGTERM; this run does not")
        }
        stopReason = nil
        let wallStart = clock.now
        let simStart = simulation.now
        pacer = Pacer(pacing: configuration.pacing, simNow: simStart, wallNow: wallStart)
        var instants = 0
        var late = 0
        var runMaxLag = Duration.zero
        var fds: [pollfd] = []
        var polled: [Int] = []
        let ending: LiveRunReport.Ending

        while true {
            if let reason = stopReason {
                ending = reason
                break
            }
            if let limit, simulation.now >= limit {
                ending = .reachedLimit
                break
            }
            let nextEvent = simulation.nextEventTime()
            var target = nextEvent
            if let limit { target = min(target ?? limit, limit) }

            let now = clock.now
            var wakeAt = now + configuration.maximumPollWait
            if let target { wakeAt = min(wakeAt, wallDeadline(for: target) ?? now) }
            for registration in registrations {
                if let deadline = registration.source.nextDeadline() { wakeAt = min(wakeAt, deadline) }
            }

            fds.removeAll(keepingCapacity: true)
            polled.removeAll(keepingCapacity: true)
            fds.append(pollfd(fd: wakeup.readFD, events: Int16(POLLIN), revents: 0))
            for (index, registration) in registrations.enumerated() {
                for interest in registration.source.pollInterests() {
                    fds.append(pollfd(fd: interest.fileDescriptor, events: interest.events.rawValue, revents: 0))
                    polled.append(index)
                }
            }
            let readyCount = poll(&fds, nfds_t(fds.count), clock.pollTimeout(from: now, to: wakeAt))
            if readyCount < 0 {
                let code = errno
                guard code == EINTR else { throw LiveLoopError(operation: "poll", errno: code) }
                for i in fds.indices { fds[i].revents = 0 }
            }
            clock.waited(until: wakeAt, woken: readyCount != 0)
            let wallNow = clock.now
            if fds[0].revents != 0 { readWakeups() }

            // Events first: input noticed now is applied after everything already due.
            if let target, isDue(target, at: wallNow) {
                if let nextEvent, nextEvent <= target {
                    instants += 1
                    let lag = pacer.noteRan(nextEvent, at: wallNow)
                    runMaxLag = max(runMaxLag, lag)
                    if lag > configuration.lateTolerance { late += 1 }
                    noteLag(max(lag, .zero), at: nextEvent)
                }
                simulation.run(until: target)
            } else if let target, let deadline = wallDeadline(for: target), wallNow >= deadline {
                // A target beyond the horizon whose horizon deadline has passed: move simulated
                // time on to the horizon (nothing is due before it), or every later `poll` would
                // get a deadline in the past and the loop would spin.
                simulation.run(until: simulation.now + Self.horizon)
            }

            var ready = [PollEvents](repeating: [], count: registrations.count)
            for (slot, index) in polled.enumerated() {
                ready[index].formUnion(PollEvents(rawValue: fds[slot + 1].revents))
            }
            for (index, registration) in registrations.enumerated() where index < ready.count {
                let due = registration.source.nextDeadline().map { $0 <= wallNow } ?? false
                guard !ready[index].isEmpty || due else { continue }
                let t = inputInstant(at: wallNow, limit: limit)
                if t > simulation.now { simulation.run(until: t) }
                registration.handler(LiveReadiness(events: ready[index], wallTime: wallNow, simTime: t))
            }
        }

        maxLag = max(maxLag, runMaxLag)
        lateEvents += late
        let report = LiveRunReport(
            ending: ending, simStart: simStart, simEnd: simulation.now, wallElapsed: clock.now - wallStart,
            eventInstants: instants, lateEvents: late, maxLag: runMaxLag)
        logger.debug("live run ended", metadata: ["report": "\(report)"])
        _ = trap
        return report
    }

    /// Updates ``currentLag`` and reports a crossing of the warning threshold either way.
    private func noteLag(_ lag: Duration, at t: SimInstant) {
        currentLag = lag
        let lagging = lag > configuration.lagWarningThreshold
        guard lagging != isLagging else { return }
        isLagging = lagging
        let metadata: Logger.Metadata = [
            "lag": "\(lag)", "threshold": "\(configuration.lagWarningThreshold)", "sim": "\(t)",
        ]
        if lagging {
            logger.warning("live loop is behind the wall clock", metadata: metadata)
        } else {
            logger.notice("live loop caught up with the wall clock", metadata: metadata)
        }
        onLagChange?(lagging, lag, t)
    }

    /// The pacer's deadline for `target`, with far targets (a run "until the end of time") brought
    /// to one simulated day ahead: such a deadline lies beyond the poll cap anyway, and the
    /// pacer's floating-point conversion would overflow on them.
    private func wallDeadline(for target: SimInstant) -> ContinuousClock.Instant? {
        pacer.deadline(for: min(target, simulation.now + Self.horizon))
    }

    /// Whether the wall clock has reached `target`'s deadline (always, at maximum speed).
    private func isDue(_ target: SimInstant, at wall: ContinuousClock.Instant) -> Bool {
        guard let deadline = wallDeadline(for: target) else { return true }
        return target <= simulation.now + Self.horizon && wall >= deadline
    }

    private static let horizon = SimDuration.hours(24)

    /// An input noticed at wall instant `w` is applied at
    /// `clamp(simTime(w), sim.now, nextEventTime)`, and never past the run's limit.
    private func inputInstant(at wall: ContinuousClock.Instant, limit: SimInstant?) -> SimInstant {
        var t = pacer.simInstant(at: wall)
        if let next = simulation.nextEventTime() { t = min(t, next) }
        if let limit { t = min(t, limit) }
        return max(t, simulation.now)
    }

    private func readWakeups() {
        for byte in wakeup.drain() {
            if byte == WakeupPipe.stopByte {
                if stopReason == nil { stopReason = .stopRequested }
            } else {
                logger.notice("signal received, stopping", metadata: ["signal": "\(byte)"])
                stopReason = .signal(Int32(byte))
            }
        }
    }

    /// Whole milliseconds from `now` to `deadline`, rounded up so the loop never wakes early and
    /// spins, capped to what `poll` accepts.
    static func milliseconds(from now: ContinuousClock.Instant, to deadline: ContinuousClock.Instant) -> Int32 {
        let ns = (deadline - now).nanosecondsRounded
        guard ns > 0 else { return 0 }
        return Int32(clamping: (ns + 999_999) / 1_000_000)
    }
}
