import EVSEModel
import SimCore
import Wire

/// The EVerest API face of one station: the legacy API module's 1 Hz publisher and its command
/// handling (everest-core `modules/API/API/API.cpp`), without sockets.
///
/// The face translates; the station decides (README, "The station model"). It keeps only what the real API module
/// keeps of its own: the session tracker behind `session_info` (fed by the station's session
/// events, meter readings, random-delay countdowns and errors) and a little publishing state.
///
/// The driver owns the clock and calls, all at the station's present instant:
/// - ``tick(station:)`` every whole second of sim time: one set of messages;
/// - ``afterStep(events:station:)`` with the events the station emitted, after every station step
///   and after every ``receive(topic:payload:station:)``: the session events feed the tracker,
///   with the immediate `session_info` after a `TransactionFinished` (`API::init()`);
/// - ``receive(topic:payload:station:)`` for every message on one of ``commandTopics``.
///
/// Trace records (source `mqtt`) collect in ``records`` until ``drainRecords()``.
public struct EverestFace: Sendable {
    /// The configuration in force.
    public var configuration: EverestFaceConfiguration {
        var configuration = common.value.configuration
        configuration.evseID = configuredEVSEID ? topics.evseID : nil
        configuration.connectorIDs = configuredConnectorIDs ? connectorIDs : nil
        configuration.publishesSharedTopics = publishesSharedTopics
        return configuration
    }
    /// This EVSE's topic names.
    public let topics: EverestTopics
    /// The topics of the 1 Hz publication, built once.
    let published: EverestPublishedTopics
    /// The payload encoder (flavour, wall time, decimals).
    public var encoder: EverestPayloadEncoder { _read { yield common.value.encoder } }
    /// The EVSE ids `everest_api/connectors` lists.
    public let connectorIDs: [String]
    /// Whether this face publishes the API module's shared topics (``configuration``'s).
    public let publishesSharedTopics: Bool
    /// Whether every publication is traced (``configuration``'s). `mutating` only so that a host,
    /// which asks every second, reads it in place: a non-mutating call copied the face (650 bytes).
    public var traceTelemetry: Bool { mutating get { common.value.configuration.traceTelemetry } }
    /// What this face has in common with the other faces of a fleet, held once for all of them
    /// (its configuration and encoder were 650 bytes a station, the same in every one).
    let common: SharedValue<EverestFaceCommon>
    /// Whether the configuration named the EVSE id and the connectors (``configuration``).
    let configuredEVSEID: Bool
    let configuredConnectorIDs: Bool
    /// The API module's view of the session.
    public private(set) var tracker: EverestSessionTracker
    /// What happened since the last ``drainRecords()``.
    public private(set) var records: [TraceRecord] = []

    /// Whether `limits` went out before: the first one has no `uuid` (`evse_managerImpl::init()`).
    var limitsPublished = false
    /// The last traced `session_info` content, to trace only changes.
    var lastTracedSessionInfo: SessionInfoDigest?
    /// The size of the last `session_info` payload (0 before the first).
    var sessionInfoSize = 0
    /// The last payloads of the topics that seldom change.
    var payloadCache = EverestPayloadCache()
    /// The OCPP module's latest `charging_schedules`, until the next tick forwards it.
    var pendingChargingSchedules: ChargingSchedulesReading?
    /// The last traced `charging_schedules`, without start times, to trace only changes.
    var lastTracedChargingSchedules: ChargingSchedulesReading?

    /// A face for `station`, started at the station's present instant.
    public init(station: Station, configuration: EverestFaceConfiguration = EverestFaceConfiguration()) {
        let evseID = configuration.evseID ?? station.profile.everest.evseId
        topics = EverestTopics(evseID: evseID, prefix: configuration.topicPrefix)
        published = EverestPublishedTopics(topics)
        connectorIDs = configuration.connectorIDs ?? [evseID]
        publishesSharedTopics = configuration.publishesSharedTopics
        configuredEVSEID = configuration.evseID != nil
        configuredConnectorIDs = configuration.connectorIDs != nil
        common = Self.commons.share(EverestFaceCommon(configuration, wallTime: station.wallTime))
        tracker = EverestSessionTracker(startedAt: station.now, legacyCounters: station.profile.everest.legacyCounters)
    }

    /// The boxes faces built one after the other share (see `SharingSlot`).
    static let commons = SharingSlot<EverestFaceCommon>()

    /// The EVSE id in this face's topics.
    public var evseID: String { topics.evseID }

    /// The topics to subscribe to for this face: its EVSE's commands, and the OCPP module's
    /// `connect`/`disconnect` on the face that publishes the shared topics.
    public var commandTopics: [String] {
        topics.commandTopics
            + (publishesSharedTopics ? OCPPCommandName.allCases.map(topics.ocppCommand) : [])
    }

    /// Whether `topic` is one of this face's command topics (for routing in a fleet).
    public func handles(topic: String) -> Bool {
        topics.commandName(forTopic: topic) != nil
            || (publishesSharedTopics && topics.ocppCommandName(forTopic: topic) != nil)
    }

    /// What `session_info` shows now.
    public var sessionInfo: SessionInfoReading { SessionInfoReading(tracker) }

    /// Hands over the trace records collected so far.
    public mutating func drainRecords() -> [TraceRecord] {
        // Called after every change, mostly with nothing to hand over: emptying a shared
        // buffer would allocate a new one.
        guard !records.isEmpty else { return [] }
        defer { records.removeAll(keepingCapacity: true) }
        return records
    }

    // MARK: - Publishing

    /// The once-a-second publication, with this station's own errors in `active_errors`.
    public mutating func tick(station: inout Station) -> [MQTTMessage] {
        tick(station: &station, fleetErrors: nil)
    }

    /// The once-a-second publication.
    ///
    /// The station's events must have gone through ``afterStep(events:station:)`` first. One
    /// meter reading feeds the counters and `powermeter`, the random delay's live countdown and
    /// `permanent_fault` are brought up to date, and the set goes out in a fixed order:
    /// `connectors`, `datetime`, `hardware_capabilities`, `session_info`, `selected_protocol`, `limits`, `telemetry`,
    /// `powermeter`, `ocpp/var/connection_status`, `ocpp/var/charging_schedules` (only after the
    /// OCPP module published new ones), `errors/var/active_errors` (the first and the last three
    /// only with ``EverestFaceConfiguration/publishesSharedTopics``).
    ///
    /// The real module publishes `powermeter` and `telemetry` at the board's cadence and
    /// `limits` at the energy manager's (`update_interval`); once a second is what the README promises and
    /// what the SIL's JS simulator did.
    ///
    /// - Parameter fleetErrors: for the face that publishes the shared topics in a fleet: the
    ///   active errors of every EVSE, in connector order (collect them with
    ///   ``publishedErrors(of:)``). Nil publishes this station's errors only.
    public mutating func tick(station: inout Station, fleetErrors: [EverestError]?) -> [MQTTMessage] {
        var out: [MQTTMessage] = []
        out.reserveCapacity(11)
        let now = station.now
        let reading = updateTracker(station: &station)

        let shared = publishesSharedTopics
        let everything = traceTelemetry
        let cache = payloadCache.isEnabled
        // The encoder is read through the shared box inside each closure: a method reference
        // (`encoder.limits`) copied the encoder (300 bytes) into a new context every second.
        let common = self.common
        if shared {
            let payload =
                payloadCache.connectors.payload(for: connectorIDs, cached: cache) {
                    common.value.encoder.connectors($0)
                } ?? []
            out.append(publish(topics.connectors, payload, at: now, traced: everything))
        }
        out.append(
            publish(
                published.datetime, encoder.datetime(at: station.calendarInstant), at: now, traced: everything))
        if let caps = payloadCache.capabilities.payload(
            for: Self.capabilities(of: &station), cached: cache,
            encode: {
                common.value.encoder.hardwareCapabilities($0)
            })
        {
            out.append(publish(published.hardwareCapabilities, caps, at: now, traced: everything))
        }
        out.append(publishSessionInfo(at: now, forceTrace: false))
        out.append(
            publish(
                published.selectedProtocol, encoder.selectedProtocol(tracker.selectedProtocol), at: now,
                traced: everything))
        let limitsReading = Self.limitsReading(
            &station, evseID: evseID, omitUUID: common.value.configuration.flavor == .everest && !limitsPublished)
        let limits =
            payloadCache.limits.payload(for: limitsReading, cached: cache) { common.value.encoder.limits($0) } ?? []
        out.append(publish(published.limits, limits, at: now, traced: everything))
        limitsPublished = true
        let telemetry =
            payloadCache.telemetry.payload(for: Self.telemetry(of: &station), cached: cache) {
                common.value.encoder.telemetry($0)
            } ?? []
        out.append(publish(published.telemetry, telemetry, at: now, traced: everything))
        let powermeter = encoder.tracedPowermeter(Self.powermeter(reading))
        out.append(
            publish(published.powermeter, powermeter.bytes, at: now, traced: everything, as: powermeter.traced))
        if shared {
            // `ocpp/var/connection_status`: the station's word, raw.
            let status = encoder.ocppConnectionStatus(station.everest.ocppStatus)
            out.append(publish(topics.ocppConnectionStatus, status, at: now, traced: everything))
            if let message = publishChargingSchedules(at: now) { out.append(message) }
            let errors = fleetErrors ?? Self.publishedErrors(of: &station, evseID: evseID)
            let payload =
                payloadCache.errors.payload(for: errors, cached: cache) { common.value.encoder.activeErrors($0) } ?? []
            out.append(publish(topics.activeErrors, payload, at: now, traced: everything))
        }
        return out
    }

    /// The once-a-second sampling without the publication: everything ``tick(station:)`` does to
    /// the session tracker (and the same meter reading, so seeded noise stays in step), but only
    /// `session_info` and `charging_schedules` are encoded, and only when their traced digest
    /// changed.
    ///
    /// Fast runs use this when no one reads the payloads (telemetry is not traced and no
    /// expectation is watching): encoding ten payloads a second is most of the cost of a
    /// simulated day otherwise.
    public mutating func sample(station: inout Station) -> [MQTTMessage] {
        var out: [MQTTMessage] = []
        let now = station.now
        let totals = station.meterTotals()
        track(importWh: totals.importedWh, totalW: totals.totalPower, station: &station)
        // `limits` went out (unread), so the next one carries its `uuid`.
        limitsPublished = true
        if traceTelemetry || SessionInfoDigest(of: &tracker) != lastTracedSessionInfo {
            out.append(publishSessionInfo(at: now, forceTrace: false))
        }
        if publishesSharedTopics, let message = publishChargingSchedules(at: now, onlyTraced: true) {
            out.append(message)
        }
        return out
    }

    private mutating func updateTracker(station: inout Station) -> MeterReading {
        let reading = station.meterReading()
        track(importWh: reading.importedWh, totalW: reading.totalPower, station: &station)
        return reading
    }

    /// The station is `inout` only to be read in place (see ``liveCountdown(_:)``).
    private mutating func track(importWh: Double, totalW: Double, station: inout Station) {
        tracker.handlePowermeter(importWh: importWh, totalW: totalW, at: station.now)
        // Not `configuration.flavor`: that builds the whole configuration, copying the face.
        if let countdown = Self.liveCountdown(&station, flavor: common.value.configuration.flavor) {
            tracker.handleCountdown(countdown)
        }
        tracker.permanentFault = station.everest.errors.isInoperative
    }

    /// Called after every station step (and after every received command) with the events the
    /// station emitted: session events go to the tracker, and `session_info` goes out at once for
    /// each `TransactionFinished`, as the API module does on that event (everest-core `API::init()`), showing the state right
    /// after it. The face has no use for the other events: it reads the station's state when it
    /// publishes.
    public mutating func afterStep(events: [TimedStationEvent], station: Station) -> [MQTTMessage] {
        var out: [MQTTMessage] = []
        for timed in events {
            switch timed.event {
            case .session(let event):
                guard tracker.handle(event, at: timed.time) else { continue }
                tracker.permanentFault = station.everest.errors.isInoperative
                out.append(publishSessionInfo(at: timed.time, forceTrace: true))
            case .evseState, .bootStarted, .bootCompleted, .controllerReboot, .serviceLevel, .countersReset, .capacity,
                .heartbeatMissed, .faultInjected, .faultRemoved, .faultEntered, .faultRetry, .faultShutdown,
                .faultCleared, .relayRecovery, .relay, .pilotSignal, .pilotSensed, .vehiclePilot, .vehiclePlugged,
                .vehicleUnplugged, .vehicleUpdated, .vehicleCurrent, .vehicleSoc, .vehicleFull, .powerCut,
                .powerRestored, .ambient, .thermalStage, .thermalPanic, .externalLimit, .enableDisable,
                .ukDelayStarted, .ukDelayEnded, .ukDelayCommand, .ukDelayMax, .ocppStatus, .firmwareUpdateStatus,
                .logStatus, .systemReset, .bootReason, .systemTimeSet, .systemFault:
                continue
            }
        }
        return out
    }

    /// The station's active errors as this EVSE's API shows them: the derived
    /// `evse_manager/Inoperative` names this EVSE's EvseManager (whose module id is the EVSE
    /// id) as its origin. A fleet's shared publisher lists these for every EVSE.
    public func publishedErrors(of station: Station) -> [EverestError] {
        var station = station
        return Self.publishedErrors(of: &station, evseID: evseID)
    }

    /// ``publishedErrors(of:)`` for a driver holding the station in mutable storage: read in
    /// place (the station is `inout` and the function static only for that), and with no work
    /// at all for a station without errors, as most are every second.
    public static func publishedErrors(of station: inout Station, evseID: String) -> [EverestError] {
        guard !station.everest.errors.errors.isEmpty else { return [] }
        let managerOrigin = station.everest.errors.evseManagerOrigin
        return station.everest.errors.errors.map { error in
            var error = error
            if error.origin == managerOrigin { error.origin.moduleID = evseID }
            return error
        }
    }

    /// The OCPP module published its `charging_schedules`: the API module keeps the value and
    /// forwards it at its next 1 s tick, once per update (everest-core `modules/API/API/API.cpp`,
    /// `ocpp_charging_schedule_updated`). A second update before that tick replaces the first.
    public mutating func ocppChargingSchedulesUpdated(_ schedules: ChargingSchedulesReading) {
        pendingChargingSchedules = schedules
    }

    /// `ocpp/var/charging_schedules` if an update waits; traced when the schedules (not their
    /// start times) changed. `onlyTraced`: an untraced one is not encoded at all (no one reads it).
    private mutating func publishChargingSchedules(at time: SimInstant, onlyTraced: Bool = false) -> MQTTMessage? {
        guard let schedules = pendingChargingSchedules.take() else { return nil }
        let digest = schedules.withoutStartTimes
        let traced = traceTelemetry || digest != lastTracedChargingSchedules
        if traced { lastTracedChargingSchedules = digest }
        guard traced || !onlyTraced else { return nil }
        return publish(topics.ocppChargingSchedules, encoder.chargingSchedules(schedules), at: time, traced: traced)
    }

    private mutating func publishSessionInfo(at time: SimInstant, forceTrace: Bool) -> MQTTMessage {
        let reading = sessionInfo
        let digest = SessionInfoDigest(reading)
        let traced = forceTrace || traceTelemetry || digest != lastTracedSessionInfo
        if traced { lastTracedSessionInfo = digest }
        // Sized from the last one: the station's log keeps those it traces, and a fixed
        // reservation left a fifth of each unused.
        let capacity = sessionInfoSize == 0 ? 384 : sessionInfoSize + 16
        let stream = encoder.sessionInfoStream(reading, at: time, capacity: capacity)
        sessionInfoSize = stream.bytes.count
        return publish(
            published.sessionInfo, stream.bytes, at: time, traced: traced,
            as: stream.isPlain ? .vouchedJSON(stream.bytes) : nil)
    }

    /// - Parameter value: the payload's trace value when its encoder vouches for it (nil: a
    ///   plain ``TraceValue/payload(_:)``, checked when the trace embeds it).
    private mutating func publish(
        _ topic: String, _ payload: [UInt8], at time: SimInstant, traced: Bool, as value: TraceValue? = nil
    ) -> MQTTMessage {
        let message = MQTTMessage(topic: topic, payload: payload)
        if traced { trace("mqtt.publish", at: time, topic: topic, payload: payload, value: value) }
        return message
    }

    mutating func trace(
        _ kind: String, at time: SimInstant, topic: String, payload: [UInt8], _ extra: [TraceRecord.Field] = [],
        value: TraceValue? = nil
    ) {
        let record = TraceRecord(
            time: time, source: "mqtt", kind: kind, topic: topic, payload: value ?? .payload(payload))
        // Concatenated only when needed: `fields + extra` allocated a second array for every
        // publication.
        records.append(
            extra.isEmpty
                ? record : TraceRecord(time: time, source: "mqtt", kind: kind, fields: record.fields + extra))
    }
}

/// The parts of `session_info` whose change is worth a trace record when telemetry is not
/// traced: counters, power and the delay's remaining seconds move every second and are left out.
struct SessionInfoDigest: Hashable, Sendable {
    var state: EverestSessionState
    var permanentFault: Bool
    var source: EnableDisableRow?
    var delayShown: Bool

    init(_ reading: SessionInfoReading) {
        state = reading.state
        permanentFault = reading.permanentFault
        source = reading.activeEnableDisableSource
        delayShown = reading.ukRandomDelay != nil
    }

    /// The digest of the reading `tracker` gives, read in place (`inout` only for that): the
    /// 1 Hz sampling asked for it every second, and building the reading copied the tracker.
    init(of tracker: inout EverestSessionTracker) {
        state = tracker.state
        permanentFault = tracker.permanentFault
        source = tracker.activeEnableDisableSource
        delayShown = (tracker.ukRandomDelay?.countdownSeconds ?? 0) > 0
    }
}
