import EVSEModel
import EverestAPI
public import Logging
import Scenario
public import SimCore
import SystemAPI
public import Transport
public import Wire

/// The stations of a live session as one simulation for ``LiveLoop``.
///
/// All stations share one clock. ``run(until:)`` processes, in time order, every station's
/// events one at a time, the EVerest publication every whole simulated second, and the
/// background scenario's steps; at one instant, station events come first, then the tick (so it
/// publishes what those events did), then scenario steps — the order fast runs use. Input read
/// by the loop (pty bytes, MQTT commands) reaches a station at the instant the loop stamps, after
/// the fleet has run up to it.
///
/// One MQTT connection serves the whole fleet, as one API module serves all EvseManagers: the
/// fleet subscribes to every command and request topic (see ``fleetFilters``), and each message
/// goes to the station whose id it names. A lost broker never stops the simulation: ``MosquittoClient`` reconnects with
/// back-off and queues publications meanwhile.
///
/// Confined to the live loop's thread.
public final class LiveFleet: LiveSimulation {
    /// The stations, by index.
    public let stations: [LiveStation]
    /// The broker connection, or nil without MQTT.
    public let mqtt: MosquittoClient?
    /// The trace, or nil without one.
    public let trace: LiveTrace?
    /// The present simulated instant.
    public private(set) var now: SimInstant = .zero
    /// Receives every publication of every station, after it went to the broker (for tests and
    /// monitors).
    public var onPublish: ((MQTTMessage) -> Void)?
    /// Messages the broker delivered that no station here handles: another shard's EVSE, or a
    /// name that is no command (the fleet subscribes by wildcard).
    public private(set) var unroutedMessages = 0

    private var nextTick: SimInstant = .zero + .seconds(1)
    /// Each station's next event and next scenario instant, by position.
    private var events: FleetAgenda
    private var schedules: FleetAgenda
    /// Positions whose times may have changed since they were last filed.
    private var changed: [Int]
    private var isChanged: [Bool]
    /// Which station a command or request is for, so routing a message costs a lookup.
    private let router: FleetRouter
    let logger: Logger
    private weak var lagSource: LiveLoop?
    private var started = false
    private var stopped = false
    /// The stations' WebSocket connections to the CSMS, with `--ocpp`.
    var ocppLinks: LiveOCPPLinks?

    /// Assembles a fleet from stations that are all at instant zero.
    /// - Parameters:
    ///   - stations: The stations, in index order (a shard's hold global indices with gaps).
    ///   - mqtt: The broker client; it is started by ``start()``.
    ///   - trace: Where the stations' records go (they were given it too).
    ///   - logger: Receives routing problems and failed publications.
    public init(stations: [LiveStation], mqtt: MosquittoClient?, trace: LiveTrace?, logger: Logger) {
        precondition(!stations.isEmpty, "a fleet needs at least one station")
        self.stations = stations
        self.mqtt = mqtt
        self.trace = trace
        self.logger = logger
        events = FleetAgenda(count: stations.count)
        schedules = FleetAgenda(count: stations.count)
        changed = Array(stations.indices)
        isChanged = Array(repeating: true, count: stations.count)
        router = FleetRouter(stations: stations)
        let logCapacity = SystemFace.logCapacity(stations: stations.count)
        // Unowned and unsafe: the two run for every station every second and for every
        // publication, and a weak reference gives the fleet a side table that made each call an
        // atomic retain and release on it (a twentieth of a 10,000-station fleet's CPU). Sound
        // because everything runs on the loop's thread and `deinit` takes the closures back
        // from stations that may outlive the fleet.
        for (position, station) in stations.enumerated() {
            station.limitSystemLog(to: logCapacity)
            station.publisher = { [unowned(unsafe) self] message in self.publish(message) }
            station.onChange = { [unowned(unsafe) self] in self.noteChange(position) }
        }
        mqtt?.onMessage = { [weak self] message in self?.route(message) }
    }

    deinit {
        for station in stations {
            station.publisher = nil
            station.onChange = nil
        }
    }

    /// Opens everything `configuration` asks for: the trace, one pty per station, the broker
    /// client (not connected until ``start()``).
    /// - Throws: ``LiveSetupError`` for a bad combination of options or a resource that cannot
    ///   be opened; whatever was opened before is closed again.
    public convenience init(configuration: LiveFleetConfiguration, logger: Logger) throws(LiveSetupError) {
        try configuration.validate()
        let trace: LiveTrace?
        do {
            trace = try configuration.tracePath.map { path throws(FileError) in
                try LiveTrace(
                    path: path, name: configuration.scenario?.name ?? "evsesim serve",
                    file: configuration.scenario?.file ?? "-", seed: configuration.seed,
                    start: configuration.wallTime.rfc3339(at: .zero), recipe: configuration.tracedRecipe)
            }
        } catch {
            throw LiveSetupError("--trace", "\(error)")
        }
        var stations: [LiveStation] = []
        for index in 0..<configuration.count {
            stations.append(try Self.makeStation(index, configuration, trace: trace, logger: logger))
        }
        var client: MosquittoClient?
        if let options = configuration.mqtt {
            do {
                client = try MosquittoClient(
                    options: options, queueCapacity: Self.publicationQueueCapacity(stations: configuration.count),
                    logger: logger)
            } catch {
                for station in stations { station.pty?.close() }
                throw LiveSetupError("--mqtt", "\(error)")
            }
        }
        self.init(stations: stations, mqtt: client, trace: trace, logger: logger)
        if let settings = configuration.ocpp, !configuration.ocppReplayed {
            do {
                ocppLinks = try LiveOCPPLinks(
                    fleet: self, settings: settings, chargePointID: configuration.ocppChargePointID(for:))
            } catch {
                for station in stations { station.pty?.close() }
                throw LiveSetupError("--ocpp", "\(error)")
            }
        }
    }

    /// How many stations tick between two writes to the broker's socket during a 1 Hz tick.
    static let stationsPerWrite = 256

    /// Publications the broker client holds while the broker is away or slower than the fleet:
    /// a second and a half of every station's telemetry (seven publications a second each).
    static func publicationQueueCapacity(stations: Int) -> Int {
        MosquittoClient.queueCapacity(publishingPerSecond: 7 * stations)
    }

    private static func makeStation(
        _ index: Int, _ configuration: LiveFleetConfiguration, trace: LiveTrace?, logger: Logger
    ) throws(LiveSetupError) -> LiveStation {
        let model = Station(
            profile: configuration.station, vehicle: configuration.vehicle, wallTime: configuration.wallTime,
            seed: configuration.seed, name: configuration.streamName(for: index),
            startsBooted: !configuration.powerOn)
        let everest = EverestFaceConfiguration(
            flavor: configuration.flavor, evseID: configuration.evseID(for: index),
            // Only the station publishing the shared topics needs the fleet's ids: building the
            // list for every station made set-up quadratic (3 GB and half a minute at 10,000).
            connectorIDs: index == 0 ? configuration.evseIDs : nil, publishesSharedTopics: index == 0,
            traceTelemetry: configuration.traceTelemetry)
        var pty: PTYDevice?
        if let path = configuration.ptyPath(for: index) {
            do {
                pty = try PTYDevice(
                    linkPath: path, pacedOutput: configuration.baudPacing,
                    detachedCheckInterval: configuration.detachedCheckInterval, guardsEcho: configuration.guardsEcho,
                    logger: logger)
            } catch {
                throw LiveSetupError("pty for station \(index)", "\(error)")
            }
        }
        return LiveStation(
            index: index, station: model, everest: everest, pty: pty, scenario: configuration.scenario,
            trace: trace, tracesIndex: configuration.count > 1, logger: logger,
            systemModuleID: configuration.systemModuleID(for: index), systemEffects: configuration.systemEffects,
            ocpp: configuration.ocppFace(for: index), observed: configuration.observed)
    }

    // MARK: - Lifecycle

    /// How far the loop driving this fleet is behind the wall clock right now (zero before
    /// ``attach(to:)``); see ``LiveLoop/currentLag``.
    public var currentLag: Duration { lagSource?.currentLag ?? .zero }

    /// Registers every pty and the broker client with `loop`, and traces its lag crossings
    /// (`live.lag`).
    public func attach(to loop: LiveLoop) {
        lagSource = loop
        loop.onLagChange = { [weak self] lagging, lag, t in
            let ms = Double(lag.nanosecondsRounded) / 1e6
            self?.trace?.write([
                TraceRecord(
                    time: t, source: "live", kind: "live.lag",
                    fields: [.init("lagging", .bool(lagging)), .init("lag_ms", .num(ms, 1))])
            ])
        }
        for station in stations {
            guard let pty = station.pty else { continue }
            loop.register(pty, name: "pty \(station.index)") { [unowned self] readiness in
                // Stations are brought to the present only when something reaches them.
                station.catchUp(to: now)
                station.service(pty: pty, readiness)
            }
        }
        attachTransfers(to: loop)
        ocppLinks?.attach(to: loop)
        if let mqtt {
            loop.register(mqtt, name: "mqtt") { readiness in
                mqtt.service(readiness.events, now: readiness.wallTime)
                // Retrying refused credentials would only hide the problem: end the session.
                if mqtt.refusal != nil { loop.requestStop() }
            }
        }
    }

    /// A real transfer that ended on its worker thread, for the station at `position`.
    private struct TransferDone: Sendable {
        let position: Int
        let transfer: SystemTransfer
        let outcome: SystemTransfer.Outcome
    }

    /// Real system API transfers run on worker threads; each outcome comes back through a
    /// mailbox and is applied at the instant the loop stamps (`system.transfer` in the trace).
    private func attachTransfers(to loop: LiveLoop) {
        guard stations.contains(where: { $0.system?.effects != nil }) else { return }
        let mailbox: LoopMailbox<TransferDone>
        do {
            mailbox = try LoopMailbox<TransferDone>()
        } catch {
            logger.warning("system API transfers will block the loop", metadata: ["error": "\(error)"])
            return
        }
        loop.register(mailbox, name: "system transfers") { [unowned self] _ in
            for done in mailbox.take() {
                let station = stations[done.position]
                station.catchUp(to: now)
                station.finishTransfer(done.transfer, done.outcome)
            }
        }
        for (position, station) in stations.enumerated() {
            station.transferDispatcher = { station, transfer in
                let started = WorkerThread.start {
                    mailbox.post(TransferDone(position: position, transfer: transfer, outcome: transfer.run()))
                }
                if !started { station.finishTransfer(transfer, transfer.run()) }
            }
        }
    }

    /// Shows the start state to the faces, subscribes to every command topic and starts
    /// connecting to the broker. Idempotent.
    public func start() throws(LiveSetupError) {
        guard !started else { return }
        started = true
        for station in stations { station.start() }
        ocppLinks?.start()
        guard let mqtt else { return }
        if stations.count == 1 {
            let station = stations[0]
            do {
                try mqtt.subscribe { [weak station] in station?.subscriptions ?? [] }
            } catch {
                throw LiveSetupError("subscriptions of \(station.evseID)", "\(error)")
            }
        } else {
            for filter in fleetFilters {
                do {
                    try mqtt.subscribe(filter)
                } catch {
                    throw LiveSetupError("subscription \(filter)", "\(error)")
                }
            }
        }
        mqtt.start()
    }

    /// What a fleet subscribes to: one wildcard for every EVSE's commands and one for every
    /// system module's requests, routed by the id in the topic. One station subscribes to its
    /// own topics, as the EVerest API module does; a fleet's exact topics (20 a station) kept
    /// mosquitto busy for the first ten seconds at 10,000 stations, and it fell so far behind
    /// the fleet's publications that a fifth of them were dropped. Commands for ids this process
    /// does not serve (another shard's, a mistyped command name) are ignored like any unrouted
    /// message.
    var fleetFilters: [String] {
        [stations[0].host.everest.topics.everyCommandFilter]
            + (stations.contains { $0.system != nil } ? [SystemTopics.everyRequestFilter] : [])
    }

    /// Ends the session in order: open scenario checks are decided, the trace is flushed, the
    /// broker is disconnected and every pty link removed. Idempotent.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        // The instant the session ended, so a replay runs exactly as long (one per station in a
        // fleet, whose records all name their station).
        for station in stations {
            trace?.write(
                [TraceRecord(time: now, source: "live", kind: "live.stop")],
                station: station.tracesIndex ? station.index : nil)
        }
        for station in stations {
            station.catchUp(to: now)
            station.finishSchedule()
        }
        trace?.flush()
        ocppLinks?.stop()
        mqtt?.disconnect()
        for station in stations { station.pty?.close() }
    }

    // MARK: - LiveSimulation

    /// The earliest station event, tick or scenario step.
    public func nextEventTime() -> SimInstant? {
        fileChanges()
        var next = nextTick
        if let first = events.first { next = min(next, first.time) }
        if let first = schedules.first { next = min(next, first.time) }
        return next
    }

    /// Processes everything due up to `t` in time order (events, then the tick, then scenario
    /// steps at one instant; lower station position first), then moves the fleet's clock to `t`.
    /// A station is brought to `t` itself only when something reaches it (input, the tick, a
    /// step), so a pass costs the work of what is due, whatever the size of the fleet.
    public func run(until t: SimInstant) {
        precondition(t >= now, "the live loop never moves time backwards")
        while let (time, phase, position) = nextAction(notAfter: t) {
            now = max(now, time)
            switch phase {
            case .event:
                stations[position].step(notAfter: time)
            case .tick:
                tick(at: time)
            case .schedule:
                stations[position].catchUp(to: now)
                stations[position].runSchedule()
            }
        }
        now = t
    }

    private enum Phase: Int, Comparable {
        case event, tick, schedule
        static func < (a: Phase, b: Phase) -> Bool { a.rawValue < b.rawValue }
    }

    private func nextAction(notAfter t: SimInstant) -> (SimInstant, Phase, Int)? {
        fileChanges()
        var best: (SimInstant, Phase, Int)?
        func consider(_ time: SimInstant, _ phase: Phase, _ position: Int) {
            guard time <= t else { return }
            if let current = best, (current.0, current.1, current.2) <= (time, phase, position) { return }
            best = (time, phase, position)
        }
        if let first = events.first { consider(first.time, .event, first.position) }
        consider(nextTick, .tick, 0)
        if let first = schedules.first { consider(first.time, .schedule, first.position) }
        return best
    }

    /// A station changed: its times are re-filed before the next decision.
    private func noteChange(_ position: Int) {
        guard !isChanged[position] else { return }
        isChanged[position] = true
        changed.append(position)
    }

    private func fileChanges() {
        guard !changed.isEmpty else { return }
        for position in changed {
            isChanged[position] = false
            let station = stations[position]
            events.set(position, station.nextEventTime)
            schedules.set(position, station.nextScheduleTime(now: now))
        }
        changed.removeAll(keepingCapacity: true)
    }

    /// The 1 Hz publication of every station; station 0 lists the whole fleet's errors.
    private func tick(at t: SimInstant) {
        // One pass brings every station to `t` and gathers the fleet's errors: a pass over
        // 10,000 stations costs a cache miss or more for each, whatever it does.
        var fleetErrors: [EverestError]? = stations.count > 1 ? [] : nil
        for station in stations {
            station.catchUp(to: t)
            fleetErrors?.append(contentsOf: station.publishedErrors())
        }
        func publishAll() {
            for (position, station) in stations.enumerated() {
                station.tick(fleetErrors: station.publishesSharedTopics ? fleetErrors : nil)
                // Hand the broker what is ready while the rest of the fleet ticks: it reads only
                // what reaches the socket, and a whole fleet's second at once outgrew the
                // socket buffers and left the broker idle for the length of the tick.
                if position % Self.stationsPerWrite == Self.stationsPerWrite - 1, let mqtt, mqtt.wantsWrite {
                    mqtt.loopWrite()
                }
            }
        }
        if let mqtt { mqtt.batchingPublications(publishAll) } else { publishAll() }
        nextTick = t + .seconds(1)
        trace?.flush()
    }

    // MARK: - MQTT

    private func publish(_ message: MQTTMessage) {
        if let mqtt {
            do {
                try mqtt.publish(message.topic, payload: message.payload, qos: 0, retain: message.retain)
            } catch {
                logger.error("mqtt publication refused", metadata: ["topic": "\(message.topic)", "error": "\(error)"])
            }
        }
        onPublish?(message)
    }

    func route(_ message: MQTTMessage) {
        guard let position = router.position(for: message.topic), stations[position].handles(topic: message.topic)
        else {
            unroutedMessages += 1
            logger.debug("mqtt message on a topic no station handles", metadata: ["topic": "\(message.topic)"])
            return
        }
        let station = stations[position]
        station.catchUp(to: now)
        // The input itself, for a replay (what it did follows from the station).
        trace?.write(
            [
                TraceRecord(
                    time: now, source: "mqtt", kind: "input.mqtt", topic: message.topic,
                    payload: .payload(message.payload))
            ], station: station.tracesIndex ? station.index : nil)
        station.receive(topic: message.topic, payload: message.payload)
    }
}
