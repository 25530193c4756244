import EVSEModel
import JSON
import SimCore
import Wire

/// The station's face on EVerest's system API (everest-core
/// `docs/source/reference/EVerest_API/system_API.yaml`; requests and replies move as everest-core
/// `lib/everest/everest_api_types/utilities/AsyncApiRequestReply.hpp` has them).
///
/// A driver calls:
/// - ``receive(topic:payload:station:)`` for every message on one of ``requestTopics``: the
///   request is validated, applied to the station, and its reply goes to `headers.replyTo`;
/// - ``afterStep(events:station:)`` with the station's events: `firmware_update_status` and
///   `log_status` follow the model's status events.
///
/// A request that does not validate changes nothing: it is rejected with a reason (and, when its
/// reply topic could be read, the document's refusal: `Rejected`, `false`).
public struct SystemFace: Sendable {
    /// The module's topics.
    public let topics: SystemTopics
    /// The I/O for real downloads, signature checks and uploads; nil: every transfer is simulated.
    public let effects: (any SystemEffects)?
    /// The most retries a firmware download is given (a larger `retries` is capped).
    public static let maxRetries = 100
    /// How far ahead a timestamp may lie (a year): anything later is refused as absurd.
    public static let maxAheadSeconds: Int64 = 366 * 86_400
    /// The station's trace kept for log uploads, oldest first (at most about ``logCapacity``).
    var log = SystemLogRing()
    /// How many trace records a station's log can hold: enough for hours of a client polling
    /// RAPI at 1 Hz.
    public static let maxLogEntries = 20_000
    /// How many records all the stations of one process keep together: a fleet shares this
    /// budget (``logCapacity(stations:)``), so its memory stays bounded however long it runs.
    public static let fleetLogBudget = 200_000
    /// How many records this station's log holds (``maxLogEntries`` unless a fleet shares a
    /// budget); older ones are dropped. 0 keeps none, for a driver that knows no upload can be
    /// asked for.
    public var logCapacity = SystemFace.maxLogEntries

    /// The log capacity of each of `stations` stations sharing ``fleetLogBudget`` (at least 100
    /// records each, at most ``maxLogEntries``).
    public static func logCapacity(stations: Int) -> Int {
        min(maxLogEntries, max(100, fleetLogBudget / max(stations, 1)))
    }
    /// How a record becomes a line of an uploaded log; the driver sets the trace's own
    /// rendering (`TraceWriter`), so the log reads like the trace.
    public var renderLogRecord: @Sendable (TraceRecord) -> String = SystemFace.plainLine
    /// Whether real transfers are handed out (``SystemFaceResult/transfers``) instead of run
    /// at once: a live loop runs them on a worker thread and hands the outcome back through
    /// ``finish(_:_:station:)``. Off in fast runs, which stay deterministic by waiting.
    public var defersTransfers = false
    /// Whether the driver hands every record to ``keepForLog(_:)`` and every event to
    /// ``keepForLog(events:)`` itself, in the order of its trace; otherwise ``afterStep(events:station:)``
    /// keeps the events.
    public var driverKeepsLog = false
    var uploads = 0
    var transfers = 0

    /// A face for module `moduleID`.
    public init(moduleID: String, effects: (any SystemEffects)? = nil) {
        self.topics = SystemTopics(moduleID: moduleID)
        self.effects = effects
    }

    /// The topics to subscribe to.
    public var requestTopics: [String] { topics.requestTopics }

    /// Whether `topic` is one of this module's request topics.
    public func handles(topic: String) -> Bool { topics.requestName(forTopic: topic) != nil }

    /// Handles one request at the station's present instant.
    public mutating func receive(topic: String, payload: [UInt8], station: inout Station) -> SystemFaceResult {
        var out = SystemFaceResult()
        guard let name = topics.requestName(forTopic: topic) else {
            out.rejection = "\(topic) is no request topic of system module \(topics.moduleID)"
            return out
        }
        out.records.append(
            TraceRecord(
                time: station.now, source: "system", kind: "system.request",
                fields: [.init("request", .string(name.rawValue)), .init("payload", .payload(payload))]))
        switch SystemRequestDecoder.decode(name, payload) {
        case .failure(let error):
            reject(error, station: station, into: &out)
        case .success(let envelope):
            handle(envelope, name: name, station: &station, into: &out)
        }
        return out
    }

    /// The status messages that follow the station's events.
    public mutating func afterStep(events: [TimedStationEvent], station: Station) -> [MQTTMessage] {
        var out: [MQTTMessage] = []
        for timed in events {
            switch timed.event {
            case .firmwareUpdateStatus(let status, let id):
                out.append(
                    MQTTMessage(
                        topic: topics.firmwareUpdateStatus, payload: SystemEncoder.firmwareStatus(status, requestID: id)
                    ))
            case .logStatus(let status, let id):
                out.append(
                    MQTTMessage(topic: topics.logStatus, payload: SystemEncoder.logStatus(status, requestID: id)))
            case .evseState, .bootStarted, .bootCompleted, .controllerReboot, .serviceLevel, .countersReset, .capacity,
                .heartbeatMissed, .faultInjected, .faultRemoved, .faultEntered, .faultRetry, .faultShutdown,
                .faultCleared, .relayRecovery, .relay, .pilotSignal, .pilotSensed, .vehiclePilot, .vehiclePlugged,
                .vehicleUnplugged, .vehicleUpdated, .vehicleCurrent, .vehicleSoc, .vehicleFull, .powerCut,
                .powerRestored, .ambient, .thermalStage, .thermalPanic, .session, .externalLimit, .enableDisable,
                .ukDelayStarted, .ukDelayEnded, .ukDelayCommand, .ukDelayMax, .ocppStatus, .systemReset, .bootReason,
                .systemTimeSet, .systemFault:
                break
            }
        }
        if !driverKeepsLog { keepForLog(events: events) }
        return out
    }

    // MARK: - Requests

    private mutating func handle(
        _ envelope: SystemEnvelope, name: SystemRequestName, station: inout Station, into out: inout SystemFaceResult
    ) {
        let reply: [UInt8]?
        switch envelope.request {
        case .updateFirmware(let request):
            reply = updateFirmware(request, station: &station, into: &out)
        case .allowFirmwareInstallation:
            station.allowFirmwareInstallation()
            reply = nil
        case .uploadLogs(let request):
            reply = uploadLogs(request, station: &station, into: &out)
        case .isResetAllowed(let type):
            reply = SystemEncoder.bool(station.isResetAllowed(type))
        case .reset(let type, let scheduled):
            station.reset(type, scheduled: scheduled)
            reply = nil
        case .setSystemTime(let epoch):
            if abs(epoch - station.calendarEpochSeconds) > Self.maxAheadSeconds * 100 {
                out.rejection = "set_system_time: \(epoch) s since 1970 is more than a century away"
                reply = SystemEncoder.bool(false)
            } else {
                station.setSystemTime(epochSeconds: epoch)
                reply = SystemEncoder.bool(true)
            }
        case .getBootReason:
            reply = SystemEncoder.string(station.system.bootReason.rawValue)
        case .heartbeat:
            out.messages.append(MQTTMessage(topic: topics.communicationCheck, payload: SystemEncoder.bool(true)))
            reply = nil
        }
        if let reply, let replyTo = envelope.replyTo {
            out.messages.append(MQTTMessage(topic: replyTo, payload: reply))
        }
    }

    private mutating func updateFirmware(
        _ request: FirmwareUpdateRequest, station: inout Station, into out: inout SystemFaceResult
    ) -> [UInt8] {
        let now = station.calendarEpochSeconds
        func instant(_ epoch: Int64?) -> SimInstant? {
            epoch.map { station.now + .seconds(max(0, $0 - now)) }
        }
        for (field, epoch) in [
            ("retrieve_timestamp", request.retrieveEpochSeconds), ("install_timestamp", request.installEpochSeconds),
        ] {
            if let epoch, epoch - now > Self.maxAheadSeconds {
                out.rejection = "update_firmware: \(field) lies more than a year ahead"
                return SystemEncoder.string("Rejected")
            }
        }
        if (request.signature == nil) != (request.signingCertificate == nil) {
            out.rejection = "update_firmware: a signature needs its signing_certificate and the other way round"
            return SystemEncoder.string("InvalidCertificate")
        }
        var retries = request.retries ?? 1
        if retries > Self.maxRetries {
            out.records.append(note(station, "retries \(retries) capped at \(Self.maxRetries)"))
            retries = Self.maxRetries
        }
        let retrieval = firmwareRetrieval(
            location: request.location, attempts: retries, signature: request.signature,
            certificate: request.signingCertificate, station: station, into: &out)
        let order = FirmwareUpdateOrder(
            requestID: request.requestID, location: request.location, retries: retries,
            retryInterval: .seconds(Int64(max(0, request.retryIntervalSeconds ?? 60))),
            retrieveAt: instant(request.retrieveEpochSeconds), installAt: instant(request.installEpochSeconds),
            signed: request.signature != nil, retrieval: retrieval)
        let cancelled = station.updateFirmware(order)
        return SystemEncoder.string(cancelled ? "AcceptedCanceled" : "Accepted")
    }

    /// A firmware update another face ordered (OCPP UpdateFirmware, as the OCPP module forwards
    /// it to the system module): its image is fetched as for the system API's own request.
    public mutating func updateFirmware(_ order: FirmwareUpdateOrder, station: inout Station) -> SystemFaceResult {
        var out = SystemFaceResult()
        var order = order
        order.retrieval = firmwareRetrieval(
            location: order.location, attempts: order.retries, signature: nil, certificate: nil, station: station,
            into: &out)
        station.updateFirmware(order)
        return out
    }

    /// A real transfer for a location the effects fetch (handed out, or run at once), else simulated.
    private mutating func firmwareRetrieval(
        location: String, attempts: Int, signature: String?, certificate: String?, station: Station,
        into out: inout SystemFaceResult
    ) -> FirmwareUpdateOrder.Retrieval {
        guard let effects, effects.handles(location: location) else {
            out.records.append(note(station, "download of \(location) simulated"))
            return .simulated
        }
        let job = SystemTransfer.Job.firmware(
            location: location, attempts: attempts, signature: signature, certificate: certificate)
        if defersTransfers {
            transfers += 1
            out.transfers.append(SystemTransfer(number: transfers, job: job, effects: effects))
            return .pending(transfer: transfers)
        } else if case .firmware(let r) = SystemTransfer(number: 0, job: job, effects: effects).run() {
            return r
        }
        return .failed(reason: "no outcome")
    }

    private mutating func uploadLogs(
        _ request: UploadLogsRequest, station: inout Station, into out: inout SystemFaceResult
    ) -> [UInt8] {
        uploads += 1
        let fileName = "evsesim-\(topics.moduleID)-\(uploads).log"
        var transfer: LogStatus?
        var pending: Int?
        if let effects, effects.handles(location: request.location) {
            let bytes = logText(
                station: station, oldest: request.oldestEpochSeconds, latest: request.latestEpochSeconds)
            let job = SystemTransfer.Job.log(location: request.location, fileName: fileName, bytes: bytes)
            if defersTransfers {
                transfers += 1
                out.transfers.append(SystemTransfer(number: transfers, job: job, effects: effects))
                pending = transfers
            } else if case .log(let status) = SystemTransfer(number: 0, job: job, effects: effects).run() {
                transfer = status
            }
        } else {
            out.records.append(note(station, "upload to \(request.location) simulated"))
        }
        let cancelled = station.uploadLogs(
            LogUploadOrder(
                requestID: request.requestID ?? -1, location: request.location, fileName: fileName, transfer: transfer,
                pendingTransfer: pending))
        return SystemEncoder.uploadLogsResponse(cancelled ? "AcceptedCanceled" : "Accepted", fileName: fileName)
    }

    private func reject(_ error: SystemRequestError, station: Station, into out: inout SystemFaceResult) {
        out.rejection = error.description
        guard let replyTo = error.replyTo else { return }
        let refusal: [UInt8]? =
            switch error.name {
            case .updateFirmware: SystemEncoder.string("Rejected")
            case .uploadLogs: SystemEncoder.uploadLogsResponse("Rejected", fileName: nil)
            case .isResetAllowed, .setSystemTime: SystemEncoder.bool(false)
            case .allowFirmwareInstallation, .reset, .getBootReason, .heartbeat: nil
            }
        if let refusal { out.messages.append(MQTTMessage(topic: replyTo, payload: refusal)) }
    }

    /// Applies the outcome of a transfer handed out earlier, at the station's present instant;
    /// returns its trace record (`system.transfer`).
    public func finish(_ transfer: SystemTransfer, _ outcome: SystemTransfer.Outcome, station: inout Station)
        -> TraceRecord
    {
        let text: String
        switch outcome {
        case .firmware(let retrieval):
            station.firmwareRetrieved(transfer: transfer.number, retrieval)
            text =
                switch retrieval {
                case .fetched(let bytes, let valid):
                    "fetched \(bytes) bytes" + (valid.map { ", signature valid: \($0)" } ?? "")
                case .failed(let reason): "failed: \(reason)"
                case .simulated, .pending: "\(retrieval)"
                }
        case .log(let status):
            station.logTransferred(transfer: transfer.number, status)
            text = status.rawValue
        }
        return TraceRecord(
            time: station.now, source: "system", kind: "system.transfer",
            fields: [.init("transfer", .int(Int64(transfer.number))), .init("result", .string(text))])
    }

    private func note(_ station: Station, _ text: String) -> TraceRecord {
        TraceRecord(time: station.now, source: "system", kind: "system.note", fields: [.init("note", .string(text))])
    }

    // MARK: - Log

    /// Keeps trace records other than the station's events (RAPI, MQTT, system, scenario) for
    /// log uploads.
    public mutating func keepForLog(_ records: [TraceRecord]) {
        guard logCapacity > 0 else { return }
        for record in records { log.append(SystemLogEntry(record)) }
        trimLog()
    }

    /// Keeps the station's events for log uploads, for a driver that sets ``driverKeepsLog``.
    public mutating func keepForLog(events: [TimedStationEvent]) {
        guard logCapacity > 0 else { return }
        for event in events { log.append(.event(event)) }
        trimLog()
    }

    private mutating func trimLog() {
        if log.count > logCapacity + logCapacity / 4 {
            log.dropOldest(log.count - logCapacity)
        }
    }

    static func text(_ value: TraceValue) -> String {
        switch value {
        case .string(let s): s
        case .int(let i): String(i)
        case .number(let d, _): String(d)
        case .bool(let b): String(b)
        case .payload(let bytes), .vouchedJSON(let bytes), .vouchedSpacedJSON(let bytes):
            String(decoding: bytes, as: UTF8.self)
        }
    }

    /// A record as `<t> <src> <kind> <field>=<value> …`, for drivers without a trace format.
    public static func plainLine(_ record: TraceRecord) -> String {
        var line = "\(record.time) \(record.source) \(record.kind)"
        for field in record.fields { line += " \(field.name)=\(Self.text(field.value))" }
        return line
    }

    /// The station's trace between two calendar times (seconds since 1970, inclusive), as an
    /// uploaded log: a header line `{"log":…,"start_epoch":…}` (the calendar time of `t` = 0),
    /// then one line per record in the trace's order, as ``renderLogRecord`` writes it.
    public func logText(station: Station, oldest: Int64?, latest: Int64?) -> [UInt8] {
        let offset = station.calendarEpochSeconds - station.now.nanoseconds / 1_000_000_000
        var header = JSONObject()
        header["log"] = .string("evsesim system module \(topics.moduleID)")
        header["start_epoch"] = .number(JSONNumber(offset))
        if let oldest { header["oldest_epoch"] = .number(JSONNumber(oldest)) }
        if let latest { header["latest_epoch"] = .number(JSONNumber(latest)) }
        var text = JSONWriter(keyOrder: .insertion, layout: .compact).string(.object(header)) + "\n"
        log.forEach { entry in
            let epoch = offset + entry.time.nanoseconds / 1_000_000_000
            if let oldest, epoch < oldest { return }
            if let latest, epoch > latest { return }
            text += renderLogRecord(entry.record) + "\n"
        }
        return Array(text.utf8)
    }
}
