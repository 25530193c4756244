public import EVSEModel
public import EverestAPI
public import Logging
public import RAPI
public import Scenario
import SimCore

/// One served station: the model, its RAPI face on a pty, its EVerest face on the broker, and
/// an optional background scenario.
///
/// The station is stepped one event at a time (by ``LiveFleet``), and after every event, action,
/// command and tick the faces catch up in a fixed order: the station's records go to the trace,
/// the RAPI face is polled (boot messages, `$AT`) and its lines written to the pty, the EVerest
/// face's `afterStep` publications go to the broker, and the background scenario checks its
/// conditions. The RAPI face is polled after every single event, as the firmware checks its
/// state every cycle, so a client sees every intermediate state (reference/rapi.md §2.7).
///
/// Lines are written to the pty only while a client has it open: bytes written with nobody
/// attached would be delivered to the next client (reference/swift-notes.md §2.3.1). They are
/// still in the trace (`rapi.out`), and counted in ``droppedWrites`` (when the station has a
/// pty: without one nothing is dropped, there is nowhere to write).
///
/// A class because it owns the pty. Confined to the live loop's thread.
public final class LiveStation {
    /// The station's position in the fleet (0 for a single station).
    public let index: Int
    /// The model.
    public private(set) var station: Station
    /// The OpenEVSE serial face.
    public private(set) var rapi: RAPIFace
    /// The EVerest API face.
    public private(set) var everest: EverestFace
    /// The pty clients open, or nil when the station has none (`--no-pty`).
    public let pty: PTYDevice?
    /// The background scenario, if one was given.
    public private(set) var schedule: LiveScenarioSchedule?
    /// RAPI writes thrown away because no client had the pty open (or the client had left, or
    /// stopped reading); always 0 without a pty.
    public private(set) var droppedWrites = 0
    /// EVerest commands the face ignored, as the real API module does (with a log line).
    public private(set) var rejectedCommands = 0

    /// Receives every publication of the EVerest face, in order (the fleet sends them to the broker).
    public var publisher: ((MQTTMessage) -> Void)?

    private let trace: LiveTrace?
    private let tracesIndex: Bool
    private let logger: Logger
    private var inSchedule = false

    /// Creates a served station.
    /// - Parameters:
    ///   - index: The position in the fleet.
    ///   - station: The model, at its start instant.
    ///   - everest: How the EVerest face appears on the broker (EVSE id, shared topics, flavour).
    ///   - pty: The device clients open; nil for none.
    ///   - scenario: A scenario whose steps run in the background.
    ///   - trace: Where records go; nil for no trace.
    ///   - tracesIndex: Whether records carry a `station` field (fleets).
    ///   - logger: Verdicts, rejected commands and skipped steps are logged here.
    /// - Throws: ``RAPIFaceConfigurationError`` when the profile names an unknown command set or quirk.
    public init(
        index: Int, station: Station, everest: EverestFaceConfiguration, pty: PTYDevice?,
        scenario: ScenarioDocument? = nil, trace: LiveTrace? = nil, tracesIndex: Bool = false, logger: Logger
    ) throws(RAPIFaceConfigurationError) {
        self.index = index
        self.station = station
        self.station.recordsEnabled = true  // the RAPI face reads boot and fault records
        self.rapi = try RAPIFace(station: station)
        self.everest = EverestFace(station: station, configuration: everest)
        self.pty = pty
        self.trace = trace
        self.tracesIndex = tracesIndex
        self.logger = logger
        let evseID = self.everest.evseID
        self.schedule = scenario.map { LiveScenarioSchedule(document: $0, evseID: evseID) }
    }

    /// The EVSE id in this station's topics.
    public var evseID: String { everest.evseID }

    /// The background scenario's verdicts so far.
    public var verdicts: [Verdict] { schedule?.verdicts ?? [] }

    // MARK: - Input

    /// Handles bytes a RAPI client sent, at the station's present instant: replies and the
    /// `$AT`s they cause go to the pty (when attached) in wire order, one write each.
    @discardableResult
    public func receive(rapiBytes bytes: [UInt8]) -> RAPIFaceOutput {
        record([
            TraceRecord(
                time: station.now, source: "pty", kind: "pty.receive",
                fields: [.init("bytes", .string(RAPIFormat.escaped(bytes)))])
        ])
        let out = rapi.receive(bytes, station: &station)
        send(out)
        afterChange()
        return out
    }

    /// Handles a message on one of the EVerest face's command topics, at the present instant.
    @discardableResult
    public func receive(topic: String, payload: [UInt8]) -> EverestFaceResult {
        let result = everest.receive(topic: topic, payload: payload, station: &station)
        if case .rejected(let reason) = result {
            rejectedCommands += 1
            logger.warning(
                "mqtt command rejected",
                metadata: [
                    "evse": "\(evseID)", "topic": "\(topic)", "payload": "\(String(decoding: payload, as: UTF8.self))",
                    "reason": "\(reason)",
                ])
        } else {
            logger.debug("mqtt command", metadata: ["evse": "\(evseID)", "topic": "\(topic)", "result": "\(result)"])
        }
        afterChange()
        return result
    }

    // MARK: - Driven by the fleet

    /// The station's next internal event, or a delayed RAPI reply falling due.
    ///
    /// Cached until the station is next touched (every path that changes it ends in
    /// `afterChange`): a fleet asks every station before each action, and a thousand stations
    /// made this scan most of the process's time.
    var nextEventTime: SimInstant? {
        if let cached = nextEventCache { return cached.value }
        let value = [station.nextEventTime, rapi.nextDelayedReply].compactMap { $0 }.min()
        nextEventCache = (value, ())
        return value
    }

    /// When the background scenario needs to run next (cached per instant, like ``nextEventTime``).
    func nextScheduleTime(now: SimInstant) -> SimInstant? {
        if let cached = scheduleCache, cached.now == now { return cached.value }
        let value = schedule?.nextTime(now: now)
        scheduleCache = (now, value)
        return value
    }

    private var nextEventCache: (value: SimInstant?, Void)?
    private var scheduleCache: (now: SimInstant, value: SimInstant?)?

    /// Announces the start state to the faces (nothing is written while no client is attached).
    func start() { afterChange() }

    /// Processes one event due at or before `t`; the faces catch up after it.
    func step(notAfter t: SimInstant) {
        if station.step(notAfter: t) != nil {
            afterChange()
        } else if let due = rapi.nextDelayedReply, due <= t {
            station.run(until: due)
            afterChange()
        }
    }

    /// Processes every event up to `t`, one at a time, then moves the clock to `t`.
    func catchUp(to t: SimInstant) {
        while let next = nextEventTime, next <= t { step(notAfter: next) }
        if t > station.now { station.run(until: t) }
    }

    /// The once-a-second EVerest publication.
    func tick(fleetErrors: [EverestError]?) {
        let messages = everest.tick(station: &station, fleetErrors: fleetErrors)
        publish(messages)
        afterChange()
    }

    /// Runs the background scenario's steps that are due.
    func runSchedule() {
        guard schedule != nil, !inSchedule else { return }
        inSchedule = true
        defer {
            inSchedule = false
            scheduleCache = nil
        }
        while let effect = schedule?.next(now: station.now, station: station) { apply(effect) }
    }

    /// Closes the background scenario when the session stops early.
    func finishSchedule() {
        guard var schedule else { return }
        scheduleCache = nil
        let effects = schedule.finish(now: station.now, station: station)
        self.schedule = schedule
        for effect in effects { apply(effect) }
    }

    /// Does the pty's I/O and handles what it reports.
    func service(pty device: PTYDevice, _ readiness: LiveReadiness) {
        for event in device.service(readiness.events, now: readiness.wallTime) {
            switch event {
            case .attached:
                record([TraceRecord(time: station.now, source: "pty", kind: "pty.attach")])
            case .detached:
                record([TraceRecord(time: station.now, source: "pty", kind: "pty.detach")])
            case .received(let bytes):
                receive(rapiBytes: bytes)
            case .echoOn(let restored):
                record([
                    TraceRecord(
                        time: station.now, source: "pty", kind: "pty.echo",
                        fields: [.init("restored", .bool(restored))])
                ])
            }
        }
    }

    // MARK: - Output

    /// Everything that follows a change, in the fixed order described on the type.
    private func afterChange() {
        nextEventCache = nil
        scheduleCache = nil
        let records = station.drainRecords()
        record(records)
        send(rapi.poll(records: records, station: &station))
        publish(everest.afterStep(station: &station))
        record(everest.drainRecords())
        guard schedule != nil else { return }
        schedule?.observe(station: station)
        runSchedule()
    }

    private func send(_ out: RAPIFaceOutput) {
        record(out.records)
        guard let pty else { return }
        for write in out.writes where pty.write(write.bytes) == .dropped { droppedWrites += 1 }
    }

    private func publish(_ messages: [MQTTMessage]) {
        for message in messages {
            schedule?.observe(message, at: station.now)
            publisher?(message)
        }
    }

    private func record(_ records: [TraceRecord]) {
        guard let trace, !records.isEmpty else { return }
        trace.write(records, station: tracesIndex ? index : nil)
    }

    private func apply(_ effect: LiveScenarioSchedule.Effect) {
        switch effect {
        case .perform(let action):
            record(station.perform(action, rapi: &rapi))
            afterChange()
        case .publish(let topic, let payload):
            receive(topic: topic, payload: payload)
        case .record(let entry):
            record([entry])
            if entry.kind == "scenario.skip", case .string(let line)? = entry["step"] {
                logger.notice(
                    "scenario step skipped: RAPI steps are not run live",
                    metadata: ["evse": "\(evseID)", "line": "\(line)"])
            }
        case .verdict(let verdict):
            record([
                TraceRecord(
                    time: verdict.time, source: "scenario", kind: "verdict",
                    fields: [
                        .init("label", .string(verdict.label)), .init("passed", .bool(verdict.passed)),
                        .init("detail", .string(verdict.detail)), .init("at", .string(verdict.location)),
                    ])
            ])
            let metadata: Logger.Metadata = [
                "evse": "\(evseID)", "check": "\(verdict.label)", "detail": "\(verdict.detail)",
                "at": "\(verdict.time)",
            ]
            if verdict.passed {
                logger.notice("scenario check passed", metadata: metadata)
            } else {
                logger.warning("scenario check failed", metadata: metadata)
            }
        case .finished(let passed, let failed):
            logger.notice(
                "background scenario reached its end",
                metadata: ["evse": "\(evseID)", "passed": "\(passed)", "failed": "\(failed)"])
        }
    }
}
