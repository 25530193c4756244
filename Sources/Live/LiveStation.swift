public import EVSEModel
public import EverestAPI
public import Logging
public import OCPP
public import RAPI
public import Scenario
import SimCore
public import SystemAPI
public import Transport
public import Wire

/// One served station: a ``StationHost`` (the model, its faces and an optional background
/// scenario) with its RAPI face on a pty and its EVerest face on the broker.
///
/// The station is stepped one event at a time (by ``LiveFleet``); the host keeps the faces and
/// the scenario in step, and this type carries what it produced to the pty, the broker, the
/// trace and the log. Live, the scenario's checks produce verdicts for the log and the trace (a
/// live session is not a test run, so nothing fails because of them), its `rapi` steps are
/// skipped (the pty belongs to the client), and reaching `until` only closes the open checks:
/// the session goes on.
///
/// Lines are written to the pty only while a client has it open: bytes written with nobody
/// attached would be delivered to the next client, as they are lost on a real serial line with
/// nobody listening. They are still in the trace (`rapi.out`), and counted in ``droppedWrites``
/// (when the station has a pty: without one nothing is dropped, there is nowhere to write).
///
/// A class because it owns the pty. Confined to the live loop's thread.
public final class LiveStation {
    /// The station's position in the fleet (0 for a single station).
    public let index: Int
    /// The pty clients open, or nil when the station has none (`--no-pty`).
    public let pty: PTYDevice?
    /// RAPI writes thrown away because no client had the pty open (or the client had left, or
    /// stopped reading); always 0 without a pty.
    public private(set) var droppedWrites = 0
    /// EVerest commands the face ignored, as the real API module does (with a log line).
    public private(set) var rejectedCommands = 0

    /// Receives every publication of the EVerest face, in order (the fleet sends them to the broker).
    public var publisher: ((MQTTMessage) -> Void)?
    /// Runs the system face's real transfers away from the loop (the fleet starts a worker
    /// thread and hands the outcome back through ``finishTransfer(_:_:)``); nil: each runs at
    /// once, blocking, and its outcome is applied at the same instant. It is handed the station
    /// rather than capturing it: a weak capture would give every station a side table, which
    /// makes each retain and release of it take the runtime's slow path.
    public var transferDispatcher: ((LiveStation, SystemTransfer) -> Void)?
    /// Receives every frame of the OCPP face for the CSMS, in order (the WebSocket client sends them).
    public var ocppSender: (([UInt8]) -> Void)?
    /// Closes (false) or reopens (true) the station's WebSocket to the CSMS: it goes with the power.
    public var ocppConnection: ((Bool) -> Void)?
    /// Receives the station's trace records as they are produced (the control API's event stream).
    public var onRecords: (([TraceRecord]) -> Void)?

    private(set) var host: StationHost
    private let trace: LiveTrace?
    /// Whether records carry a `station` field (fleets).
    let tracesIndex: Bool
    private let logger: Logger

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
    ///   - systemModuleID: The system API face's module id; nil: no system face.
    ///   - systemEffects: The I/O behind real firmware downloads and log uploads.
    ///   - observed: Whether station events become records without a trace (for ``onRecords``).
    public init(
        index: Int, station: Station, everest: EverestFaceConfiguration, pty: PTYDevice?,
        scenario: ScenarioDocument? = nil, trace: LiveTrace? = nil, tracesIndex: Bool = false, logger: Logger,
        systemModuleID: String? = nil, systemEffects: (any SystemEffects)? = nil, ocpp: OCPPFaceConfiguration? = nil,
        observed: Bool = false
    ) {
        self.index = index
        self.host = StationHost(
            station: station, everest: everest, scenario: scenario, rapiSteps: .skip, publishesEverything: true,
            tracesEvents: trace != nil || observed, systemModuleID: systemModuleID, systemEffects: systemEffects,
            defersSystemTransfers: true, ocpp: ocpp)
        self.pty = pty
        self.trace = trace
        self.tracesIndex = tracesIndex
        self.logger = logger
    }

    /// The model.
    public var station: Station { host.station }
    /// The OpenEVSE serial face.
    public var rapi: RAPIFace { host.rapi }
    /// The EVerest API face.
    public var everest: EverestFace { host.everest }
    /// The system API face, if served.
    public var system: SystemFace? { host.system }
    /// Every topic this station subscribes to: the EVerest commands and the system requests.
    public var subscriptions: [String] { everest.commandTopics + (system?.requestTopics ?? []) }
    /// Whether a message on `topic` is for this station.
    public func handles(topic: String) -> Bool {
        everest.handles(topic: topic) || system?.handles(topic: topic) == true
    }
    /// The background scenario's interpreter while it runs (nil without one, and once it
    /// finished: see ``scheduleFinished``).
    public var schedule: ScenarioInterpreter? { host.interpreter }
    /// Whether the background scenario reached its end. Its interpreter is released then, and
    /// its verdicts kept: a fleet of thousands held each one, with its steps, for nothing.
    public private(set) var scheduleFinished = false
    private var finishedVerdicts: [Verdict] = []
    /// The EVSE id in this station's topics.
    public var evseID: String { host.everest.evseID }
    /// The background scenario's verdicts so far.
    public var verdicts: [Verdict] { host.interpreter?.verdicts ?? finishedVerdicts }

    // MARK: - Input

    /// Handles bytes a RAPI client sent, at the station's present instant: replies and the
    /// `$AT`s they cause go to the pty (when attached) in wire order, one write each.
    @discardableResult
    public func receive(rapiBytes bytes: [UInt8]) -> RAPIFaceOutput {
        host.note(
            TraceRecord(
                time: now, source: "pty", kind: "pty.receive",
                fields: [.init("bytes", .string(RAPIFormat.escaped(bytes)))]))
        let out = host.receive(rapiBytes: bytes)
        forward()
        return out
    }

    /// Handles a message on one of the EVerest face's command topics, at the present instant.
    @discardableResult
    public func receive(topic: String, payload: [UInt8]) -> EverestFaceResult {
        let result = host.receive(topic: topic, payload: payload)
        if result.changedStation {
            logger.debug("mqtt command", metadata: ["evse": "\(evseID)", "topic": "\(topic)", "result": "\(result)"])
        }
        forward()
        return result
    }

    /// Applies the outcome of a real transfer that ran elsewhere, at the station's present instant.
    public func finishTransfer(_ transfer: SystemTransfer, _ outcome: SystemTransfer.Outcome) {
        host.finishTransfer(transfer, outcome)
        forward()
    }

    /// Handles a frame the CSMS sent, at the station's present instant.
    public func receive(ocppFrame bytes: [UInt8]) {
        host.receive(ocppFrame: bytes)
        forward()
    }

    /// The WebSocket to the CSMS opened or closed.
    public func ocppConnectionChanged(_ up: Bool) {
        host.ocppConnectionChanged(up)
        forward()
    }

    /// The OCPP face, if the station has one.
    public var ocpp: OCPPFace? { host.ocpp }

    /// Applies a control-API action at the station's present instant; the trace records it
    /// (`input.control`, with the request's action object) so a replay can apply it again.
    public func perform(_ action: ScenarioAction, request: [UInt8]) {
        host.note(
            TraceRecord(
                time: now, source: "control", kind: "input.control",
                fields: [.init("action", .payload(request))]))
        host.perform(action)
        forward()
    }

    // MARK: - Driven by the fleet

    /// The station's next internal event, or a delayed RAPI reply falling due.
    var nextEventTime: SimInstant? { host.nextEventTime }

    /// Bounds the records kept for the system API's log uploads.
    func limitSystemLog(to capacity: Int) { host.limitSystemLog(to: capacity) }

    /// The station's present instant, read without copying the station.
    var now: SimInstant { host.now }

    /// Whether this station publishes the fleet's shared topics.
    var publishesSharedTopics: Bool { host.publishesSharedTopics }

    /// The errors this station contributes to the fleet's `active_errors`.
    func publishedErrors() -> [EverestError] { host.publishedErrors() }

    /// When the background scenario needs to run next.
    func nextScheduleTime(now: SimInstant) -> SimInstant? { host.nextInterpreterTime(now: now) }

    /// Called after anything changed the station (the fleet re-files its next times).
    var onChange: (() -> Void)?

    /// Announces the start state to the faces (nothing is written while no client is attached).
    func start() {
        host.start()
        forward()
    }

    /// Processes one event due at or before `t`; the faces catch up after it.
    func step(notAfter t: SimInstant) {
        if host.step(notAfter: t) { forward() }
    }

    /// Processes every event up to `t`, one at a time, then moves the clock to `t`.
    func catchUp(to t: SimInstant) {
        while let next = nextEventTime, next <= t { step(notAfter: next) }
        if t > now {
            host.catchUp(to: t)
            forward()
        }
    }

    /// The once-a-second EVerest publication.
    func tick(fleetErrors: [EverestError]?) {
        host.tick(fleetErrors: fleetErrors)
        forward()
    }

    /// Runs the background scenario's steps that are due (every event and publication due now
    /// has run: the fleet calls this last at an instant).
    func runSchedule() {
        host.runInterpreter(settled: true)
        forward()
    }

    /// Closes the background scenario when the session stops early.
    func finishSchedule() {
        host.finishInterpreter(reason: "the session ended")
        forward()
    }

    /// Does the pty's I/O and handles what it reports.
    func service(pty device: PTYDevice, _ readiness: LiveReadiness) {
        for event in device.service(readiness.events, now: readiness.wallTime) {
            switch event {
            case .attached:
                host.note(TraceRecord(time: now, source: "pty", kind: "pty.attach"))
                forward()
            case .detached:
                host.note(TraceRecord(time: now, source: "pty", kind: "pty.detach"))
                forward()
            case .received(let bytes):
                receive(rapiBytes: bytes)
            case .echoOn(let restored):
                host.note(
                    TraceRecord(
                        time: now, source: "pty", kind: "pty.echo", fields: [.init("restored", .bool(restored))]
                    ))
                forward()
            }
        }
    }

    // MARK: - Output

    /// Carries what the host produced to the pty, the broker, the trace and the log.
    private func forward() {
        onChange?()
        var records: [TraceRecord] = []
        // The host is left an array with no storage: one that kept its capacity between
        // seconds was a buffer the size of a tick's output held by every station of a fleet
        // (a shared one swapped in only moved it from station to station). Its next output
        // allocates once (`StationHost.publish` reserves for a tick's messages).
        var items: [HostOutput] = []
        host.takeOutput(into: &items)
        for item in items {
            switch item {
            case .record(let record):
                records.append(record)
            case .rapiWrite(let write):
                // Without a pty nothing is dropped: there is nowhere to write.
                if let pty, pty.write(write.bytes) == .dropped { droppedWrites += 1 }
            case .publication(let message):
                publisher?(message)
            case .ocppFrame(let bytes):
                ocppSender?(bytes)
            case .ocppConnection(let open):
                ocppConnection?(open)
            case .commandRejected(let topic, let payload, let reason):
                rejectedCommands += 1
                logger.warning(
                    "mqtt command rejected",
                    metadata: [
                        "evse": "\(evseID)", "topic": "\(topic)",
                        "payload": "\(String(decoding: payload, as: UTF8.self))", "reason": "\(reason)",
                    ])
            case .verdict(let verdict):
                let metadata: Logger.Metadata = [
                    "evse": "\(evseID)", "check": "\(verdict.label)", "detail": "\(verdict.detail)",
                    "at": "\(verdict.time)",
                ]
                if verdict.passed {
                    logger.notice("scenario check passed", metadata: metadata)
                } else {
                    logger.warning("scenario check failed", metadata: metadata)
                }
            case .stepSkipped(let step, let reason):
                logger.notice(
                    "scenario step skipped",
                    metadata: ["evse": "\(evseID)", "at": "\(step.path)", "reason": "\(reason)"])
            case .scenarioFinished(let passed, let failed):
                logger.notice(
                    "background scenario reached its end",
                    metadata: ["evse": "\(evseID)", "passed": "\(passed)", "failed": "\(failed)"])
                finishedVerdicts = host.releaseInterpreter()
                scheduleFinished = true
            }
        }
        if let trace, !records.isEmpty { trace.write(records, station: tracesIndex ? index : nil) }
        for transfer in host.takeTransfers() {
            if let transferDispatcher {
                transferDispatcher(self, transfer)
            } else {
                finishTransfer(transfer, transfer.run())
            }
        }
        if let onRecords, !records.isEmpty { onRecords(records) }
    }
}
