import EVSEModel
import EverestAPI
import Logging
import SimCore

/// Runs one scenario against a station as fast as the CPU allows (or paced by a callback): the
/// fast driver of ``ScenarioInterpreter``.
///
/// Three timelines are interleaved in a fixed order: the station's own events, the 1 Hz EVerest
/// publication, and the scenario's steps. At one instant events come first, then the
/// publication, then steps — the order a live session keeps too. Invariants are checked after
/// every single event, so a `never` condition cannot slip through between two samples.
public struct ScenarioRunner {
    public let document: ScenarioDocument
    let options: RunOptions
    let logger: Logger

    var host: StationHost
    var nextTick: SimInstant = .zero + .seconds(1)
    var eventCount = 0
    var lastProgress: SimInstant = .zero
    var verdicts: [Verdict] = []
    var spare: [HostOutput] = []

    /// The station as it is now.
    public var station: Station { host.station }

    /// Prepares a run; nothing happens until ``run()``.
    public init(
        document: ScenarioDocument, station: StationProfile, vehicle: VehicleProfile,
        options: RunOptions = RunOptions(),
        logger: Logger = Logger(label: "evsesim.scenario")
    ) {
        self.document = document
        self.options = options
        self.logger = logger
        let model = Station(profile: station, vehicle: vehicle, wallTime: document.start, seed: document.seed)
        self.host = StationHost(
            station: model, everest: EverestFaceConfiguration(traceTelemetry: options.traceTelemetry),
            scenario: document, rapiSteps: .run, publishesEverything: false, tracesEvents: options.trace != nil,
            systemEffects: options.systemEffects,
            sampler: options.traceSamples && options.trace != nil ? StationSampler() : nil)
        // Records and verdicts go to the caller as they are made (each verdict right after
        // its record); the verdicts come through the output for the result as well.
        host.recordSink = options.trace
        host.verdictSink = options.verdict
        // Nothing outside a fast run reaches the station, so without a step that could ask for
        // a log upload no one can read its log: keeping every record for it (and freeing each
        // 20,000 records later) was a tenth of a day traced with every publication.
        if !document.steps.contains(where: \.kind.mayRequestLogUpload) { host.limitSystemLog(to: 0) }
    }

    /// Runs every step, then on to the end time, and returns the verdicts. When
    /// ``RunOptions/shouldStop`` asks for it, the run ends early and the result says why.
    public mutating func run() -> ScenarioResult {
        host.start()
        forward()
        var interruption: String?
        while host.interpreterBox?.value.isFinished == false {
            if let reason = options.shouldStop?() {
                interruption = reason
                host.finishInterpreter(reason: reason)
                forward()
                break
            }
            advance()
        }
        return ScenarioResult(
            name: document.name, file: document.file, seed: document.seed, verdicts: verdicts,
            endTime: station.now, eventCount: eventCount, interruption: interruption)
    }

    /// One move: the next event or publication, or the scenario's next due instant.
    mutating func advance() {
        let now = station.now
        host.runInterpreter(settled: min(host.nextEventTime ?? .distantFuture, nextTick) > now)
        forward()
        // The steps just run may have scheduled events.
        let nextEvent = host.nextEventTime
        let next = min(nextEvent ?? .distantFuture, nextTick)
        guard let stepTime = host.nextInterpreterTime(now: now) else { return }
        if next <= stepTime {
            options.pace?(next)
            if let e = nextEvent, e <= nextTick {
                host.step(notAfter: e)
                eventCount += 1
            } else {
                host.catchUp(to: nextTick)
                host.tick()
                nextTick = nextTick + .seconds(1)
            }
        } else if stepTime > now {
            options.pace?(stepTime)
            host.catchUp(to: stepTime)
        } else {
            // A settled instant always lets the interpreter move on; looping here would hang CI.
            preconditionFailure("scenario interpreter made no progress at \(now)")
        }
        forward()
        reportProgress()
    }

    /// Hands what the host produced to the trace and the verdict stream.
    mutating func forward() {
        var items = spare
        spare = []
        host.takeOutput(into: &items)
        for item in items {
            switch item {
            case .record(let record): options.trace?(record)
            case .verdict(let verdict):
                verdicts.append(verdict)
                if !verdict.passed {
                    logger.debug(
                        "verdict failed", metadata: ["label": "\(verdict.label)", "detail": "\(verdict.detail)"])
                }
            case .rapiWrite, .publication, .commandRejected, .stepSkipped, .scenarioFinished, .ocppFrame,
                .ocppConnection:
                break
            }
        }
        // Mostly empty: emptying an empty array still went through `replaceSubrange`.
        if !items.isEmpty { items.removeAll(keepingCapacity: true) }
        spare = items
    }

    mutating func reportProgress() {
        guard let progress = options.progress, station.now - lastProgress >= .minutes(10) else { return }
        lastProgress = station.now
        progress(station.now, host.interpreter?.plannedEnd(now: station.now) ?? station.now)
    }
}
