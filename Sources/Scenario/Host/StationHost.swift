public import EVSEModel
public import EverestAPI
import JSON
public import OCPP
public import RAPI
public import SimCore
public import SystemAPI
import Wire

/// A station with its two protocol faces and, optionally, the scenario being interpreted on it:
/// everything a driver needs except the I/O and the clock.
///
/// After every event, action, command and tick the faces catch up in a fixed order: the
/// station's records go to the output, the RAPI face is polled (boot messages, `$AT`; the
/// firmware checks its state every loop, open_evse `RapiSendEvseState()`, so a client sees every
/// intermediate state), the EVerest face's `afterStep` publications follow, then the
/// interpreter observes the station and runs the steps that are due. The fast runner and a live station drive this same type, so a
/// scenario behaves the same whether it runs in CI or in the background of `evsesim serve`.
///
/// Output is collected in order and handed over by ``takeOutput(into:)``.
public struct StationHost: Sendable {
    /// The model.
    public internal(set) var station: Station
    /// The OpenEVSE serial face.
    public private(set) var rapi: RAPIFace
    /// The EVerest API face.
    public private(set) var everest: EverestFace
    /// The system API face (firmware, logs, reset, clock); nil when it is switched off.
    public private(set) var system: SystemFace?
    /// The OCPP 1.6J face, when the station talks to a CSMS (a real one, or the scripted one of
    /// a scenario with OCPP steps).
    public var ocpp: OCPPFace? { ocppBox?.face }
    /// The scripted CSMS answering the OCPP face in-process (nil: frames go to the driver).
    public var csms: ScriptedCSMS? { ocppBox?.csms }
    /// Where the OCPP face and its CSMS live (see ``OCPPBox``); change them through ``ownOCPP()``.
    var ocppBox: OCPPBox?
    /// The scenario being interpreted, if any.
    public internal(set) var interpreter: ScenarioInterpreter? {
        get { interpreterBox?.value }
        set { interpreterBox = newValue.map(InterpreterBox.init) }
    }
    /// Where ``interpreter`` lives (see ``InterpreterBox``); change it through ``ownInterpreter()``.
    var interpreterBox: InterpreterBox?
    /// Whether every 1 Hz payload is encoded and every publication handed out as
    /// ``HostOutput/publication(_:)`` (a live broker reads them); otherwise payloads are encoded
    /// only when the trace or an MQTT expectation reads them, and publications are only observed
    /// and traced (a fast run).
    public let publishesEverything: Bool
    /// Whether the station's events become trace records.
    public let tracesEvents: Bool
    /// Writes `sample` records of the station's readings for reports; nil writes none.
    public private(set) var sampler: StationSampler?

    /// Where trace records go as they are made; nil: into the output, in order with everything
    /// else. A fast run hands them to its trace at once: through the output, every record of a
    /// day traced with every publication was copied in, read back and destroyed once more.
    public var recordSink: (@Sendable (TraceRecord) -> Void)?
    /// Called with each verdict right after its record went to ``recordSink`` (the verdict is
    /// in the output as well).
    public var verdictSink: (@Sendable (Verdict) -> Void)?

    var output: [HostOutput] = []
    /// Whether the system face keeps a log (``limitSystemLog(to:)``): asked before each record
    /// is offered, since even a face that keeps nothing was taken out of its optional and put
    /// back for the call.
    var keepsSystemLog: Bool
    var inInterpreter = false
    var transfers: [SystemTransfer] = []

    /// Puts a station and its faces together.
    /// - Parameters:
    ///   - station: The model, at its start instant.
    ///   - everest: How the EVerest face appears (EVSE id, shared topics, flavour).
    ///   - scenario: A scenario to interpret on the station.
    ///   - rapiSteps: What happens to the scenario's `rapi` steps.
    ///   - publishesEverything: Whether every 1 Hz payload is encoded and handed out.
    ///   - tracesEvents: Whether the station's events are rendered as trace records (only
    ///     rendering is skipped without a trace: the faces see every event either way).
    ///   - systemModuleID: The system API face's module id; nil switches the face off.
    ///   - systemEffects: The I/O behind real downloads and uploads; nil simulates them all.
    ///   - sampler: Writes `sample` records after every change (nil: none).
    ///   - defersSystemTransfers: Whether real transfers are handed out (``takeTransfers()``) to
    ///     run elsewhere, their outcomes coming back through ``finishTransfer(_:_:)``; otherwise
    ///     they run at once, blocking (fast runs).
    ///   - ocpp: An OCPP face whose frames the driver carries to a real CSMS
    ///     (``HostOutput/ocppFrame(_:)``, ``receive(ocppFrame:)``). Without one, a scenario with
    ///     an `ocpp` section or OCPP steps gets a face answered by its scripted CSMS.
    public init(
        station: Station, everest: EverestFaceConfiguration, scenario: ScenarioDocument? = nil,
        rapiSteps: ScenarioInterpreter.RAPISteps = .run, publishesEverything: Bool, tracesEvents: Bool,
        systemModuleID: String? = "system", systemEffects: (any SystemEffects)? = nil,
        sampler: StationSampler? = nil, defersSystemTransfers: Bool = false, ocpp: OCPPFaceConfiguration? = nil
    ) {
        self.station = station
        self.sampler = sampler
        self.rapi = RAPIFace(station: station)
        self.everest = EverestFace(station: station, configuration: everest)
        self.publishesEverything = publishesEverything
        self.tracesEvents = tracesEvents
        let evseID = self.everest.evseID
        self.system = systemModuleID.map { SystemFace(moduleID: $0, effects: systemEffects) }
        // An uploaded log reads like the trace: the same lines, RAPI and MQTT records included.
        self.system?.renderLogRecord = { TraceWriter().line($0) }
        self.system?.defersTransfers = defersSystemTransfers
        self.system?.driverKeepsLog = true
        self.keepsSystemLog = self.system.map { $0.logCapacity > 0 } ?? false
        if let ocpp {
            ocppBox = OCPPBox(face: OCPPFace(configuration: ocpp), csms: nil)
        } else if let settings = scenario?.ocpp {
            ocppBox = OCPPBox(
                face: OCPPFace(configuration: Self.ocppConfiguration(settings, station: station)),
                csms: ScriptedCSMS(settings: settings))
        }
        ocppBox?.face.handsOutFirmwareUpdates = self.system != nil
        self.interpreter = scenario.map {
            ScenarioInterpreter(
                document: $0, evseID: evseID, rapiSteps: rapiSteps, systemModuleID: systemModuleID ?? "system")
        }
    }

    /// Hands over everything produced since the last call, in order, by swapping it with
    /// `buffer` (pass an empty one; reuse it to keep its capacity). Nothing is called back, so
    /// the caller may read the host while it handles the items.
    public mutating func takeOutput(into buffer: inout [HostOutput]) {
        precondition(buffer.isEmpty, "takeOutput needs an empty buffer")
        swap(&output, &buffer)
    }

    // MARK: - Time

    /// The station's next internal event, or a delayed RAPI reply falling due.
    public var nextEventTime: SimInstant? {
        mutating get {
            let next: SimInstant? =
                switch (station.nextEventTime, rapi.nextDelayedReply) {
                case (let a?, let b?): min(a, b)
                case (let a, let b): a ?? b
                }
            guard let face = ocppBox?.face.nextTime else { return next }
            return min(next ?? face, face)
        }
    }

    /// When the interpreter needs to run next, or nil without one (or once it is finished).
    public mutating func nextInterpreterTime(now: SimInstant) -> SimInstant? {
        ownInterpreter()?.value.nextTime(now: now) ?? nil
    }

    // The queries a live fleet makes of every station every second are `mutating` only so that
    // a class holding the host (`LiveStation`) reads them in place: a non-mutating call through
    // a class's stored property copies the whole host first (measured: 5 % of the CPU of a
    // 1,000-station fleet went to such copies).

    /// Bounds the system face's log (a fleet shares a budget, `SystemFace.logCapacity(stations:)`).
    public mutating func limitSystemLog(to capacity: Int) {
        system?.logCapacity = capacity
        keepsSystemLog = system != nil && capacity > 0
    }

    /// The station's present instant (see above for why this is `mutating`).
    public var now: SimInstant { mutating get { station.now } }
    /// Whether this station's face publishes the fleet's shared topics (see above).
    public var publishesSharedTopics: Bool { mutating get { everest.publishesSharedTopics } }
    /// The errors this station contributes to the fleet's `active_errors` (see above).
    public mutating func publishedErrors() -> [EverestError] {
        // A fleet asks every station every second: read in place, handing the station and the
        // face down by value copied 2.5 KB each time.
        EverestFace.publishedErrors(of: &station, evseID: everest.topics.evseID)
    }

    /// Announces the start state: the scenario's start record, the station's records from
    /// power-on, the faces' first look, and the steps due at once.
    public mutating func start() {
        if let record = ownInterpreter()?.value.begin(now: station.now) { emit(record) }
        afterChange()
        if csms?.reachable == true { ocppConnectionChanged(true) }
    }

    /// Processes one event due at or before `t` (a station event or a delayed RAPI reply);
    /// returns whether there was one.
    @discardableResult
    public mutating func step(notAfter t: SimInstant) -> Bool {
        if let due = ocppBox?.face.nextTime, due <= t,
            due <= min(station.nextEventTime ?? due, rapi.nextDelayedReply ?? due)
        {
            if due > station.now { station.run(until: due) }
            ownOCPP()!.face.fire(station: &station)
            routeOCPP()
            afterChange()
            return true
        }
        if station.step(notAfter: t) != nil {
            afterChange()
            return true
        }
        if let due = rapi.nextDelayedReply, due <= t {
            station.run(until: due)
            afterChange()
            return true
        }
        return false
    }

    /// Processes every event up to `t`, one at a time, then moves the clock to `t`.
    public mutating func catchUp(to t: SimInstant) {
        while let next = nextEventTime, next <= t { step(notAfter: next) }
        if t > station.now { station.run(until: t) }
    }

    /// The once-a-second EVerest publication (`fleetErrors`: see ``EverestFace/tick(station:fleetErrors:)``).
    public mutating func tick(fleetErrors: [EverestError]? = nil) {
        let reads =
            publishesEverything || everest.traceTelemetry
            || ownInterpreter()?.value.isWatchingMQTT == true
        if let schedules = takeChargingSchedules() { everest.ocppChargingSchedulesUpdated(schedules) }
        let messages =
            reads ? everest.tick(station: &station, fleetErrors: fleetErrors) : everest.sample(station: &station)
        publish(messages)
        afterChange()
    }

    // MARK: - Input

    /// Handles bytes a RAPI client sent, at the station's present instant.
    @discardableResult
    public mutating func receive(rapiBytes bytes: [UInt8]) -> RAPIFaceOutput {
        let out = rapi.receive(bytes, station: &station)
        send(out)
        afterChange()
        return out
    }

    /// Handles a message on one of the EVerest face's command topics, at the present instant.
    @discardableResult
    public mutating func receive(topic: String, payload: [UInt8]) -> EverestFaceResult {
        if system?.handles(topic: topic) == true {
            let rejection = receiveSystem(topic: topic, payload: payload)
            return rejection.map { .rejected(reason: $0) } ?? .applied("system request \(topic)")
        }
        let result = everest.receive(topic: topic, payload: payload, station: &station)
        record(everest.drainRecords())
        // A message on a topic that is no command of this EVSE (a misspelt name) is as much a
        // mistake of the sender as a malformed payload: both are reported, not only traced.
        if !result.changedStation {
            output.append(.commandRejected(topic: topic, payload: payload, reason: "\(result)"))
        }
        afterChange()
        return result
    }

    /// Handles a request to the system API face, at the present instant; returns why it was
    /// rejected, or nil.
    @discardableResult
    public mutating func receiveSystem(topic: String, payload: [UInt8]) -> String? {
        guard var face = system else { return "the system API face is off" }
        let result = face.receive(topic: topic, payload: payload, station: &station)
        system = face
        record(result.records)
        transfers += result.transfers
        if let reason = result.rejection {
            output.append(.commandRejected(topic: topic, payload: payload, reason: reason))
        }
        publish(result.messages)
        afterChange()
        return result.rejection
    }

    /// UpdateFirmware from the OCPP face goes to the system face, as the OCPP module forwards it
    /// to the system module: a location the effects handle (`http://`, …) is really downloaded.
    mutating func startFirmwareUpdates(_ orders: [FirmwareUpdateOrder]) {
        for order in orders {
            guard var face = system else {
                station.updateFirmware(order)
                continue
            }
            let result = face.updateFirmware(order, station: &station)
            system = face
            record(result.records)
            transfers += result.transfers
        }
    }

    /// The real transfers the system face handed out since the last call (see
    /// `defersSystemTransfers`); the driver runs them and calls ``finishTransfer(_:_:)``.
    public mutating func takeTransfers() -> [SystemTransfer] {
        defer { transfers.removeAll() }
        return transfers
    }

    /// Applies the outcome of a transfer handed out by ``takeTransfers()``, at the present instant.
    public mutating func finishTransfer(_ transfer: SystemTransfer, _ outcome: SystemTransfer.Outcome) {
        guard let face = system else { return }
        record([face.finish(transfer, outcome, station: &station)])
        afterChange()
    }

    /// Applies a scenario action (also used by drivers that act on the station directly).
    public mutating func perform(_ action: ScenarioAction) {
        record(station.perform(action, rapi: &rapi))
        afterChange()
    }

    /// Adds a record of the driver's own (pty attach, input bytes) to the output.
    public mutating func note(_ record: TraceRecord) { emit(record) }

    // MARK: - Scenario

    /// Runs the scenario steps that are due.
    /// - Parameter settled: whether every event and publication due at the present instant has run.
    public mutating func runInterpreter(settled: Bool) {
        guard interpreterBox != nil, !inInterpreter else { return }
        inInterpreter = true
        defer { inInterpreter = false }
        while let effect = nextInterpreterEffect(settled: settled) { apply(effect) }
    }

    /// The interpreter's next effect.
    private mutating func nextInterpreterEffect(settled: Bool) -> InterpreterEffect? {
        let now = station.now
        return ownInterpreter()?.value.next(now: now, station: &station, settled: settled)
    }

    /// The interpreter's box, copied first if another host shares it, so that it can be
    /// changed in place (the reference is released at the end of the caller's expression).
    mutating func ownInterpreter() -> InterpreterBox? {
        if interpreterBox != nil, !isKnownUniquelyReferenced(&interpreterBox!) {
            interpreterBox = InterpreterBox(interpreterBox!.value)
        }
        return interpreterBox
    }

    /// The OCPP box, copied first if another host shares it, so that it can be changed in place
    /// (the reference is released at the end of the caller's expression: keep none across calls
    /// that may reach here again, or the box would look shared).
    mutating func ownOCPP() -> OCPPBox? {
        if ocppBox != nil, !isKnownUniquelyReferenced(&ocppBox!) { ocppBox = ocppBox!.copy() }
        return ocppBox
    }

    /// Drops the interpreter and returns its verdicts: a live station does this once its
    /// scenario finished (nothing it does after that needs the interpreter).
    public mutating func releaseInterpreter() -> [Verdict] {
        defer { interpreterBox = nil }
        return interpreterBox?.value.verdicts ?? []
    }

    /// Ends the scenario early: pending checks fail with `reason` (e.g. "the session ended"),
    /// open invariants close.
    public mutating func finishInterpreter(reason: String) {
        guard var interpreter else { return }
        let effects = interpreter.finish(now: station.now, station: station, reason: reason)
        self.interpreter = interpreter
        inInterpreter = true
        defer { inInterpreter = false }
        for effect in effects { apply(effect) }
    }

    private mutating func apply(_ effect: InterpreterEffect) {
        switch effect {
        case .perform(let action):
            perform(action)
        case .publish(let topic, let payload):
            receive(topic: topic, payload: payload)
        case .sendRAPI(let line):
            var bytes = Array(line.utf8)
            if bytes.last != 13 { bytes.append(13) }
            let out = receive(rapiBytes: bytes)
            let replies = out.writes.filter { $0.kind == .reply }.map { Self.line($0.bytes) }
            ownInterpreter()?.value.rapiReplied(replies, now: station.now)
        case .ocpp(let step):
            playCSMS(step)
        case .verdict(let verdict):
            emit(verdict.traceRecord)
            verdictSink?(verdict)
            output.append(.verdict(verdict))
        case .record(let record):
            emit(record)
        case .skipped(let step, let reason):
            emit(Self.skipRecord(step, reason: reason, at: station.now))
            output.append(.stepSkipped(step, reason: reason))
        case .finished(let passed, let failed):
            output.append(.scenarioFinished(passed: passed, failed: failed))
        }
    }

    // MARK: - Output

    /// Everything that follows a change, in the fixed order described on the type.
    mutating func afterChange() {
        let events = station.drainEvents()
        if tracesEvents { for event in events { put(event.record) } }
        if keepsSystemLog, !events.isEmpty { system?.keepForLog(events: events) }
        send(rapi.poll(events: events, station: &station), late: true)
        // Both faces only react to events; without any, skipping them saves copying the
        // station into their calls (most changes are a tick or a step without events).
        if !events.isEmpty {
            publish(everest.afterStep(events: events, station: station))
            if var face = system.take() {
                publish(face.afterStep(events: events, station: station))
                system = face
            }
        }
        record(everest.drainRecords())
        if ocppBox != nil {
            // In place: taking the face out and putting it back moved it (700 bytes) each way.
            ownOCPP()!.face.afterStep(events: events, station: &station)
            routeOCPP()
        }
        // Commands that waited in the UART buffer during boot ran in the poll: their events
        // go round once more before anyone looks at the station.
        if !station.events.isEmpty {
            afterChange()
            return
        }
        if sampler != nil, let record = sampler!.sample(station) { put(record) }
        guard interpreterBox != nil else { return }
        // No reference to the box kept across `runInterpreter`: it would look shared.
        ownInterpreter()?.value.observe(station: &station)
        runInterpreter(settled: false)
    }

    /// - Parameter late: the output did not answer the bytes just received, so its replies (to
    ///   a command that waited while the controller booted, or a delayed one) reach a RAPI
    ///   step as later lines, like `$AT`.
    private mutating func send(_ out: RAPIFaceOutput, late: Bool = false) {
        record(out.records)
        for write in out.writes {
            if write.kind == .async || (late && write.kind == .reply),
                ownInterpreter()?.value.isWatchingRAPI == true
            {
                ownInterpreter()?.value.observe(rapiAsync: Self.line(write.bytes))
            }
            output.append(.rapiWrite(write))
        }
    }

    private mutating func publish(_ messages: [MQTTMessage]) {
        // A live station's buffer is handed over empty without storage after each change.
        if publishesEverything { output.reserveCapacity(output.count + messages.count + 2) }
        // One access to the box for the set: each is checked for exclusivity at run time.
        if !messages.isEmpty { ownInterpreter()?.value.observe(messages, at: station.now) }
        if publishesEverything { for message in messages { output.append(.publication(message)) } }
        record(everest.drainRecords())
    }

    private mutating func record(_ records: [TraceRecord]) {
        guard !records.isEmpty else { return }
        if let recordSink {
            // Lent from the buffer, not copied out of it (`for record in records` retained and
            // released every part of every record once more). Not through `put`: a call back
            // into the host for each record measured 4 % slower on a day traced in full.
            records.withUnsafeBufferPointer { for i in $0.indices { recordSink($0[i]) } }
        } else {
            for record in records { output.append(.record(record)) }
        }
        if keepsSystemLog { system?.keepForLog(records) }
    }

    /// A record that is no station event (those reach the system face's log by `afterStep`).
    private mutating func emit(_ record: TraceRecord) {
        put(record)
        if keepsSystemLog { system?.keepForLog([record]) }
    }

    /// A record for the trace: to the sink, or into the output.
    mutating func put(_ record: TraceRecord) {
        if let recordSink { recordSink(record) } else { output.append(.record(record)) }
    }

    /// The text of a written line without its CR/LF terminator.
    static func line(_ bytes: [UInt8]) -> String {
        var b = bytes[...]
        while let last = b.last, last == 13 || last == 10 { b = b.dropLast() }
        return String(decoding: b, as: UTF8.self)
    }

    static func skipRecord(_ step: ScenarioStep, reason: String, at time: SimInstant) -> TraceRecord {
        var line = "?"
        if case .rapi(let rapi) = step.kind { line = rapi.line }
        return TraceRecord(
            time: time, source: "scenario", kind: "scenario.skip",
            fields: [.init("step", .string(line)), .init("reason", .string(reason))])
    }
}
