import EVSEModel
import Logging
import SimCore

/// Runs one scenario against a station, as fast as the CPU allows (or paced by a callback).
///
/// The runner owns the station and the protocol faces and interleaves three timelines in a fixed
/// order: the station's own events, the 1 Hz EVerest publication tick, and the scenario's steps.
/// Invariants are checked after every single event, so a `never` condition cannot slip through
/// between two samples.
public struct ScenarioRunner {
    public let document: ScenarioDocument
    public internal(set) var station: Station
    let options: RunOptions
    let logger: Logger

    var verdicts: [Verdict] = []
    var invariants: [ActiveInvariant] = []
    var harness: ProtocolHarness
    var lastStepEnd: SimInstant = .zero
    var eventCount = 0
    var endTime: SimInstant = .zero
    var lastProgress: SimInstant = .zero

    /// Prepares a run; nothing happens until ``run()``.
    public init(
        document: ScenarioDocument, station: StationProfile, vehicle: VehicleProfile,
        options: RunOptions = RunOptions(),
        logger: Logger = Logger(label: "evsesim.scenario")
    ) {
        self.document = document
        self.station = Station(profile: station, vehicle: vehicle, wallTime: document.start, seed: document.seed)
        self.options = options
        self.logger = logger
        self.harness = ProtocolHarness(station: self.station, traceTelemetry: options.traceTelemetry)
    }

    /// Runs every step, then on to the end time, and returns the verdicts.
    public mutating func run() -> ScenarioResult {
        emit(
            TraceRecord(
                time: .zero, source: "scenario", kind: "scenario.start",
                fields: [.init("name", .string(document.name)), .init("seed", .int(Int64(bitPattern: document.seed)))]))
        afterStep()
        for (index, step) in document.steps.enumerated() {
            let target = time(of: step)
            if target > station.now { advance(to: target) }
            execute(step, index: index)
            lastStepEnd = station.now
        }
        endTime =
            switch document.end {
            case .fromStart(let d): .zero + d
            case .afterLastStep(let d): lastStepEnd + d
            }
        if endTime > station.now { advance(to: endTime) }
        closeInvariants(at: station.now, final: true)
        let result = ScenarioResult(
            name: document.name, file: document.file, seed: document.seed, verdicts: verdicts, endTime: station.now,
            eventCount: eventCount)
        emit(
            TraceRecord(
                time: station.now, source: "scenario", kind: "scenario.end",
                fields: [.init("passed", .bool(result.passed)), .init("verdicts", .int(Int64(verdicts.count)))]))
        return result
    }

    func time(of step: ScenarioStep) -> SimInstant {
        switch step.timing {
        case .afterPrevious: station.now
        case .fromStart(let d): .zero + d
        case .afterPreviousBy(let d): lastStepEnd + d
        }
    }

    /// Advances to `t` event by event. With `until`, stops as soon as it holds (checked before
    /// the first event and after each one) and returns true; so does a watched MQTT expectation
    /// that has matched.
    @discardableResult
    mutating func advance(to t: SimInstant, until condition: ((Station) -> Bool)? = nil) -> Bool {
        if isDone(condition) { return true }
        while true {
            // A delayed RAPI reply is an event of its own: poll the face when it is due.
            let nextEvent = [station.nextEventTime, harness.rapi.nextDelayedReply].compactMap { $0 }.min()
            let nextTick = harness.nextTick
            let next = min(nextEvent ?? .distantFuture, nextTick)
            guard next <= t else { break }
            options.pace?(next)
            if let e = nextEvent, e <= nextTick {
                if station.step(notAfter: e) == nil { station.run(until: e) }
                eventCount += 1
            } else {
                station.run(until: nextTick)
                for record in harness.tick(station: &station) { emit(record) }
            }
            afterStep()
            if isDone(condition) { return true }
        }
        station.run(until: t)
        afterStep()
        return isDone(condition)
    }

    /// The advance's condition holds, or the MQTT expectation being watched has matched.
    func isDone(_ condition: ((Station) -> Bool)?) -> Bool {
        (condition?(station) ?? false) || harness.watch?.matchedAt != nil
    }

    /// Hands everything the last event produced to the faces and the trace, and checks invariants.
    mutating func afterStep() {
        let events = station.drainEvents()
        if options.trace != nil { for event in events { emit(event.record) } }
        for record in harness.afterStep(events: events, station: &station) { emit(record) }
        checkInvariants()
        if let progress = options.progress, station.now - lastProgress >= .minutes(10) {
            lastProgress = station.now
            progress(station.now, max(endTime, station.now))
        }
    }

    func emit(_ record: TraceRecord) { options.trace?(record) }

    mutating func record(_ verdict: Verdict) {
        verdicts.append(verdict)
        emit(
            TraceRecord(
                time: verdict.time, source: "scenario", kind: "verdict",
                fields: [
                    .init("label", .string(verdict.label)), .init("passed", .bool(verdict.passed)),
                    .init("detail", .string(verdict.detail)), .init("at", .string(verdict.location)),
                ]))
        if !verdict.passed {
            logger.debug("verdict failed", metadata: ["label": "\(verdict.label)", "detail": "\(verdict.detail)"])
        }
    }
}
