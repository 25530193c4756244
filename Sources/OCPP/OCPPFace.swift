public import EVSEModel
import JSON
public import SimCore

/// The OCPP 1.6J face: a charge point as EVerest's OCPP module with libocpp presents the station
/// to a CSMS (everest-core `modules/OCPP/OCPP.cpp`, libocpp `lib/ocpp/v16/charge_point_impl.cpp`).
///
/// No I/O: a driver tells it when the connection comes and goes
/// (``connectionChanged(_:station:)``), hands it every received frame (``receive(_:station:)``),
/// the station's events after every step (``afterStep(events:station:)``) and wakes it at
/// ``nextTime`` (``fire(station:)``); it answers with frames and trace records
/// (``takeOutput()``). Session events drive StatusNotification, Authorize, Start/StopTransaction;
/// the meter drives MeterValues; CSMS calls become station operations.
///
/// One call is in flight at a time (OCPP-J 1.6 §4.1.1). Transaction messages (Start/Stop and
/// their MeterValues) wait in order while the CSMS is unreachable and are sent on reconnection,
/// their `transactionId` filled in when sent, so a StopTransaction queued before its
/// StartTransaction was answered carries the id the CSMS gave; other messages are only made
/// while online and accepted.
public struct OCPPFace: Sendable {
    /// Where the registration stands (BootNotification's answer).
    public enum Registration: String, Hashable, Sendable {
        case none
        case pending = "Pending"
        case accepted = "Accepted"
        case rejected = "Rejected"
    }

    /// The identity and BootNotification fields.
    public let identity: OCPPFaceConfiguration
    /// The configuration keys as they stand.
    public internal(set) var keys: OCPPConfiguration
    /// Whether the transport is connected.
    public internal(set) var connected = false
    /// The registration state.
    public internal(set) var registration = Registration.none
    /// The CSMS transaction id of the running transaction, once the CSMS gave it.
    public var transactionID: Int? { transaction.flatMap { transactionIDs[$0] } }
    /// Whether UpdateFirmware orders go to ``firmwareUpdates`` for the host to hand to the
    /// system face (which fetches real locations), rather than straight to the station.
    public var handsOutFirmwareUpdates = false
    /// UpdateFirmware orders not yet handed on (with ``handsOutFirmwareUpdates``).
    public var firmwareUpdates: [FirmwareUpdateOrder] = []

    var powered = true
    var queue: [OCPPOutgoing] = []
    var inFlight: OCPPInFlight?
    var sendNotBefore: SimInstant = .zero
    var messageCounter = 0
    var nextBootAt: SimInstant?
    var nextHeartbeatAt: SimInstant?
    var nextSampleAt: SimInstant?
    var nextAlignedAt: SimInstant?
    /// The status last reported per connector.
    var reported: [Int: OCPPConnectorStatus] = [:]
    /// The local number of the running transaction.
    var transaction: Int?
    var transactionIDs: [Int: Int] = [:]
    var localTransactions = 0
    /// The token of the present session.
    var sessionIDTag: String?
    /// A token granted before the plug-in (RemoteStart, a presented card), until it expires.
    var pendingGrant: (tag: String, expires: SimInstant)?
    var authorizationCache: [String: String] = [:]
    /// The Local Authorization List (SendLocalList): idTag → status, and its version.
    var localList: [String: String] = [:]
    var localListVersion = 0
    /// A ChangeAvailability to Inoperative that waits for the transaction to end.
    var scheduledAvailability: (connector: Int, operative: Bool)?
    var reservation: (id: Int, tag: String, expires: SimInstant)?
    var bootReason: BootReason = .powerUp
    /// A Reset(Soft) from the CSMS is under way: its transaction stops with reason SoftReset.
    var softResetRequested = false
    var output: [OCPPFaceOutput] = []
    /// Smart Charging: the stored profiles, the limit they last applied, the next change.
    var chargingProfiles: [OCPPChargingProfile] = []
    var appliedProfileAmps: Double?
    var nextProfileAt: SimInstant?
    /// When the running transaction started (epoch seconds), for Relative profiles.
    var transactionStartEpoch: Int64?
    /// The TxProfile a RemoteStartTransaction brought, for the transaction it starts.
    var remoteStartProfile: OCPPChargingProfile?
    /// The OCPP module publishes its charging schedules at start-up and after an accepted
    /// SetChargingProfile (libocpp's `signal_set_charging_profiles`), and on its timer.
    var chargingSchedulesSignalled = true
    var chargingSchedulesPublishedAt: SimInstant?
    /// The running transaction's meter values for StopTransaction's `transactionData`.
    var transactionData: [JSONValue] = []

    /// How long a call waits for its answer (libocpp's default message timeout).
    public static let responseTimeout = SimDuration.seconds(30)

    /// A face with `configuration`; it stays silent until the connection comes up.
    public init(configuration: OCPPFaceConfiguration) {
        identity = configuration
        keys = configuration.keys
    }

    /// Hands over everything produced since the last call.
    public mutating func takeOutput() -> [OCPPFaceOutput] {
        // Asked after every step, mostly with nothing to hand over: emptying the buffer just
        // returned (so shared) would allocate a new one.
        guard !output.isEmpty else { return [] }
        defer { output.removeAll(keepingCapacity: true) }
        return output
    }

    var linkUp: Bool { connected && powered }

    // MARK: - Time

    /// The next instant the face must be woken at (a timer or a call's answer deadline).
    /// (`mutating` only so that a driver holding the face in mutable storage reads it in place:
    /// a non-mutating read there copies the whole face first, and drivers ask after every event.)
    public var nextTime: SimInstant? {
        mutating get {
            var next: SimInstant?
            func consider(_ t: SimInstant?) { if let t { next = min(next ?? t, t) } }
            if linkUp {
                if registration != .accepted { consider(nextBootAt) }
                if registration == .accepted { consider(nextHeartbeatAt) }
                // Through the deadline alone: comparing the call in flight with nil copied it.
                let deadline = inFlight?.deadline
                consider(deadline)
                if deadline == nil, !queue.isEmpty, registration == .accepted { consider(sendNotBefore) }
            }
            consider(nextSampleAt)
            consider(nextAlignedAt)
            consider(pendingGrant?.expires)
            consider(reservation?.expires)
            consider(nextProfileAt)
            return next
        }
    }

    /// Runs every timer due at the station's present instant.
    public mutating func fire(station: inout Station) {
        let now = station.now
        if let deadline = inFlight?.deadline, deadline <= now { callTimedOut(now: now) }
        if let t = nextBootAt, t <= now, registration != .accepted, linkUp {
            nextBootAt = nil
            queueBoot(station)
        }
        if let t = nextHeartbeatAt, t <= now {
            let interval = keys.int("HeartbeatInterval")
            nextHeartbeatAt = interval > 0 ? now + .seconds(Int64(interval)) : nil
            if linkUp, registration == .accepted {
                enqueue(OCPPOutgoing(action: "Heartbeat", payload: [:], transactional: false))
            }
        }
        if let t = nextSampleAt, t <= now {
            let interval = keys.int("MeterValueSampleInterval")
            nextSampleAt = interval > 0 && transaction != nil ? now + .seconds(Int64(interval)) : nil
            if transaction != nil {
                keepTransactionData(
                    station, context: "Sample.Periodic", key: "StopTxnSampledData", sampled: "MeterValuesSampledData")
                queueMeterValues(station, context: "Sample.Periodic", key: "MeterValuesSampledData")
            }
        }
        if let t = nextAlignedAt, t <= now {
            nextAlignedAt = nil
            scheduleAligned(station)
            if transaction != nil {
                keepTransactionData(
                    station, context: "Sample.Clock", key: "StopTxnAlignedData", sampled: "MeterValuesAlignedData")
            }
            queueMeterValues(station, context: "Sample.Clock", key: "MeterValuesAlignedData")
        }
        if let grant = pendingGrant, grant.expires <= now {
            pendingGrant = nil
            remoteStartProfile = nil
            note("token \(grant.tag) expired unused (ConnectionTimeOut)", at: now)
        }
        if let r = reservation, r.expires <= now {
            reservation = nil
            note("reservation \(r.id) expired", at: now)
            station.cancelReservation()
        }
        if let t = nextProfileAt, t <= now {
            nextProfileAt = nil
            applyChargingProfiles(station: &station)
        }
        pump(now: now)
    }

    // MARK: - Connection

    /// The transport connected or lost its connection; `connection_status` follows.
    public mutating func connectionChanged(_ up: Bool, station: inout Station) {
        guard up != connected else { return }
        // A connection that opened as the power went (its news crossed the cut) is not used.
        guard powered || !up else { return note("connection ignored: the station has no power", at: station.now) }
        connected = up
        station.setOCPPStatus(up ? .connected : .disconnected)
        note(up ? "connected" : "disconnected", at: station.now)
        if up { linkCameUp(&station) } else { linkWentDown() }
    }

    /// The power cut takes the network with it: the WebSocket closes (the driver closes it on
    /// `.connection(open: false)`) and `connection_status` reads disconnected.
    mutating func closeForPowerCut(station: inout Station) {
        note("power cut: the connection closes", at: station.now)
        output.append(.connection(open: false))
        guard connected else { return }
        connected = false
        station.setOCPPStatus(.disconnected)
        note("disconnected", at: station.now)
    }

    mutating func linkCameUp(_ station: inout Station) {
        guard linkUp else { return }
        if registration == .accepted {
            reportStatuses(&station)
            pump(now: station.now)
        } else {
            queueBoot(station)
        }
    }

    /// What is lost with the link: the call in flight goes back to the queue if it belongs to a
    /// transaction; everything else not yet sent is dropped (libocpp keeps only transaction
    /// messages in its persistent queue).
    mutating func linkWentDown() {
        if let flight = inFlight, flight.call.transactional { queue.insert(flight.call, at: 0) }
        inFlight = nil
        queue.removeAll { !$0.transactional }
        sendNotBefore = .zero
    }

    // MARK: - Sending

    mutating func enqueue(_ call: OCPPOutgoing) { queue.append(call) }

    mutating func queueBoot(_ station: Station) {
        guard !queue.contains(where: { $0.action == "BootNotification" }), inFlight?.call.action != "BootNotification"
        else { return }
        var payload: JSONObject = [
            "chargePointVendor": .string(identity.vendor), "chargePointModel": .string(identity.model),
        ]
        payload["chargePointSerialNumber"] = .string(identity.chargePointID)
        payload["firmwareVersion"] = .string(station.runningFirmwareVersion)
        queue.insert(OCPPOutgoing(action: "BootNotification", payload: payload, transactional: false), at: 0)
        note("boot reason \(bootReason.rawValue)", at: station.now)
        pump(now: station.now)
    }

    /// Sends the next call if none is in flight and the registration allows it (only a
    /// BootNotification before it is accepted).
    mutating func pump(now: SimInstant) {
        guard linkUp, inFlight == nil, let head = queue.first, now >= sendNotBefore else { return }
        guard registration == .accepted || head.action == "BootNotification" else { return }
        var call = queue.removeFirst()
        call.attempts += 1
        if let local = call.localTransaction, call.action != "StartTransaction" {
            if let id = transactionIDs[local] {
                call.payload["transactionId"] = .int(id)
            } else if call.action == "StopTransaction" {
                // The StartTransaction was never answered: the CSMS has no id for it.
                call.payload["transactionId"] = .int(-local)
            }
        }
        messageCounter += 1
        let id = String(messageCounter)
        inFlight = OCPPInFlight(id: id, call: call, deadline: now + Self.responseTimeout)
        send(.call(id: id, action: call.action, payload: call.payload), action: call.action, at: now)
    }

    mutating func send(_ message: OCPPMessage, action: String?, at now: SimInstant) {
        output.append(
            .record(
                TraceRecord(
                    time: now, source: "ocpp", kind: "ocpp.send", fields: [.init("message", .payload(message.bytes))])))
        output.append(.send(message, action: action))
    }

    mutating func callTimedOut(now: SimInstant) {
        guard var flight = inFlight else { return }
        inFlight = nil
        let attempts = max(1, keys.int("TransactionMessageAttempts"))
        if flight.call.transactional, flight.call.attempts < attempts {
            note("\(flight.call.action) unanswered; retry \(flight.call.attempts + 1) of \(attempts)", at: now)
            flight.call.payload.remove("transactionId")
            queue.insert(flight.call, at: 0)
            sendNotBefore = now + .seconds(Int64(keys.int("TransactionMessageRetryInterval") * flight.call.attempts))
        } else if flight.call.action == "BootNotification" {
            note("BootNotification unanswered; retry in 60 s", at: now)
            nextBootAt = now + .seconds(60)
        } else {
            note("\(flight.call.action) unanswered; dropped", at: now)
        }
    }

    mutating func note(_ text: String, at now: SimInstant) {
        output.append(
            .record(TraceRecord(time: now, source: "ocpp", kind: "ocpp.note", fields: [.init("text", .string(text))])))
    }

    /// The station's calendar time as OCPP writes it.
    static func timestamp(_ station: Station) -> JSONValue {
        .string(station.wallTime.rfc3339(at: station.calendarInstant))
    }

    // MARK: - Receiving

    /// Handles one frame from the CSMS: answers its calls, acts on the answers to the
    /// charge point's own. A frame that cannot be read is answered with the CALLERROR the spec
    /// names (when it has a message id) and otherwise ignored; nothing a CSMS sends stops the face.
    public mutating func receive(_ bytes: [UInt8], station: inout Station) {
        let now = station.now
        // A frame still on its way as the power went (the connection is closing) reaches nobody.
        guard powered else { return note("frame ignored: the station has no power", at: now) }
        output.append(
            .record(
                TraceRecord(
                    time: now, source: "ocpp", kind: "ocpp.receive", fields: [.init("message", .payload(bytes))])))
        let message: OCPPMessage
        do {
            message = try OCPPMessage(parsing: bytes)
        } catch {
            if let id = error.id {
                send(
                    .callError(id: id, code: error.code, description: error.description, details: [:]), action: nil,
                    at: now)
            } else {
                note("unreadable frame ignored: \(error.description)", at: now)
            }
            return
        }
        switch message {
        case .call(let id, let action, let payload):
            handleCall(id: id, action: action, payload: payload, station: &station)
        case .callResult(let id, let payload):
            guard let flight = inFlight, flight.id == id else {
                note("answer to unknown message \(id) ignored", at: now)
                return
            }
            inFlight = nil
            handleAnswer(to: flight.call, payload: payload, station: &station)
        case .callError(let id, let code, let description, _):
            guard let flight = inFlight, flight.id == id else {
                note("error for unknown message \(id) ignored", at: now)
                return
            }
            inFlight = nil
            note("\(flight.call.action) refused: \(code.rawValue) \(description)", at: now)
            if flight.call.action == "BootNotification" { nextBootAt = now + .seconds(60) }
        }
        pump(now: station.now)
    }
}
