import EVSEModel
import JSON
import SimCore

/// Calls from the CSMS: checked field by field, answered, then carried out on the station.
extension OCPPFace {
    /// What a call does once its answer has gone out (a reset must not overtake its answer).
    enum Deferred {
        case none
        case grant(String)
        case authorizeRemote(String)
        case stop(EverestStopReason)
        case availability(connector: Int, operative: Bool)
        case reset(ResetType)
        case trigger(String, connector: Int?)
        case reserve(id: Int, tag: String, expires: SimInstant)
        case cancelReservation
        case configure(key: String, value: String)
        case clearCache
        case firmware(FirmwareUpdateOrder)
        case diagnostics(LogUploadOrder)
        case setProfile(OCPPChargingProfile)
        case remoteStart(String, authorize: Bool, profile: OCPPChargingProfile?)
        case localList(version: Int, full: Bool, entries: [(String, String?)])
        case clearProfiles([Int])
    }

    mutating func handleCall(id: String, action: String, payload: JSONObject, station: inout Station) {
        let now = station.now
        let fields = OCPPFields(payload, action: action)
        let result: Result<(JSONObject, Deferred), OCPPCallFailure>
        do {
            result = .success(try answer(action, fields, station: station))
        } catch {
            result = .failure(error)
        }
        switch result {
        case .success(let (reply, deferred)):
            send(.callResult(id: id, payload: reply), action: action, at: now)
            carryOut(deferred, station: &station)
        case .failure(let failure):
            send(
                .callError(id: id, code: failure.code, description: failure.description, details: [:]), action: action,
                at: now)
        }
    }

    func status(_ text: String) -> JSONObject { ["status": .string(text)] }

    func answer(_ action: String, _ f: OCPPFields, station: Station) throws(OCPPCallFailure) -> (JSONObject, Deferred) {
        switch action {
        case "RemoteStartTransaction":
            try f.only(["idTag", "connectorId", "chargingProfile"])
            let tag = try f.string("idTag", maxLength: 20)
            let connector = try f.optionalInt("connectorId")
            let usable = connector == nil || connector == 1
            let busy = transaction != nil || !station.everest.enabled || station.everest.errors.isInoperative
            // A profile given with the start becomes the transaction's TxProfile; any other
            // purpose is refused (OCPP 1.6 §5.11).
            var profile: OCPPChargingProfile?
            if let value = f.payload["chargingProfile"] {
                guard let object = value.objectValue else {
                    throw f.failure(.typeConstraintViolation, "\"chargingProfile\" must be an object")
                }
                profile = try OCPPChargingProfile(object, connector: 1, action: f.action)
            }
            guard usable, !busy, profile == nil || profile?.purpose == .tx else { return (status("Rejected"), .none) }
            let authorize = keys.bool("AuthorizeRemoteTxRequests")
            return (status("Accepted"), .remoteStart(tag, authorize: authorize, profile: profile))
        case "RemoteStopTransaction":
            try f.only(["transactionId"])
            let id = try f.int("transactionId")
            guard transaction != nil, transactionID == id else { return (status("Rejected"), .none) }
            return (status("Accepted"), .stop(.remote))
        case "ChangeAvailability":
            try f.only(["connectorId", "type"])
            let connector = try f.int("connectorId")
            let operative = try f.choice("type", among: ["Inoperative", "Operative"]) == "Operative"
            guard (0...1).contains(connector) else { return (status("Rejected"), .none) }
            if !operative, transaction != nil {
                return (status("Scheduled"), .availability(connector: -1 - connector, operative: false))
            }
            return (status("Accepted"), .availability(connector: connector, operative: operative))
        case "UnlockConnector":
            try f.only(["connectorId"])
            guard try f.int("connectorId") == 1 else { return (status("NotSupported"), .none) }
            // EVerest's `force_unlock` stops the transaction first; the simulated socket has no lock to fail.
            return (status("Unlocked"), .stop(.unlockCommand))
        case "Reset":
            try f.only(["type"])
            let type: ResetType = try f.choice("type", among: ["Hard", "Soft"]) == "Hard" ? .hard : .soft
            guard station.isResetAllowed(type) else { return (status("Rejected"), .none) }
            return (status("Accepted"), .reset(type))
        case "GetConfiguration":
            try f.only(["key"])
            return (configurationReport(try f.optionalStrings("key")), .none)
        case "ChangeConfiguration":
            try f.only(["key", "value"])
            let key = try f.string("key", maxLength: 50)
            let value = try f.string("value", maxLength: 500)
            var copy = keys
            let result = copy.set(key, value)
            return (status(result.rawValue), result == .accepted ? .configure(key: key, value: value) : .none)
        case "TriggerMessage":
            try f.only(["requestedMessage", "connectorId"])
            let message = try f.choice(
                "requestedMessage",
                among: [
                    "BootNotification", "DiagnosticsStatusNotification", "FirmwareStatusNotification", "Heartbeat",
                    "MeterValues", "StatusNotification",
                ])
            let connector = try f.optionalInt("connectorId")
            if let c = connector, !(0...1).contains(c) { return (status("Rejected"), .none) }
            return (status("Accepted"), .trigger(message, connector: connector))
        case "ClearCache":
            try f.only([])
            return (status("Accepted"), .clearCache)
        case "DataTransfer":
            try f.only(["vendorId", "messageId", "data"])
            _ = try f.string("vendorId", maxLength: 255)
            _ = try f.optionalString("messageId", maxLength: 50)
            // No vendor extension is registered, as in a stock OCPP module.
            return (status("UnknownVendorId"), .none)
        case "ReserveNow":
            try f.only(["connectorId", "expiryDate", "idTag", "parentIdTag", "reservationId"])
            let connector = try f.int("connectorId")
            let expiry = try f.string("expiryDate")
            let tag = try f.string("idTag", maxLength: 20)
            let id = try f.int("reservationId")
            _ = try f.optionalString("parentIdTag", maxLength: 20)
            guard let expires = WallTime(rfc3339: expiry) else {
                throw f.failure(.typeConstraintViolation, "\"expiryDate\" must be a date-time, found \"\(expiry)\"")
            }
            guard connector == 1 else { return (status("Rejected"), .none) }
            if station.everest.errors.isInoperative { return (status("Faulted"), .none) }
            if !station.everest.enabled { return (status("Unavailable"), .none) }
            if station.everest.phase != .idle || station.everest.sessionActive { return (status("Occupied"), .none) }
            return (
                status("Accepted"),
                .reserve(id: id, tag: tag, expires: instant(ofEpoch: expires.startEpochSeconds, station))
            )
        case "CancelReservation":
            try f.only(["reservationId"])
            guard let r = reservation, try f.int("reservationId") == r.id else { return (status("Rejected"), .none) }
            return (status("Accepted"), .cancelReservation)
        case "UpdateFirmware":
            try f.only(["location", "retries", "retrieveDate", "retryInterval"])
            let location = try f.string("location")
            let date = try f.string("retrieveDate")
            guard let retrieve = WallTime(rfc3339: date) else {
                throw f.failure(.typeConstraintViolation, "\"retrieveDate\" must be a date-time, found \"\(date)\"")
            }
            let retries = try f.optionalInt("retries") ?? 1
            let interval = try f.optionalInt("retryInterval") ?? 60
            let order = FirmwareUpdateOrder(
                requestID: -1, location: location, retries: max(1, retries),
                retryInterval: .seconds(Int64(max(0, interval))),
                retrieveAt: instant(ofEpoch: retrieve.startEpochSeconds, station))
            return ([:], .firmware(order))
        case "GetLocalListVersion":
            try f.only([])
            return (["listVersion": .int(keys.bool("LocalAuthListEnabled") ? localListVersion : -1)], .none)
        case "SendLocalList":
            return try checkLocalList(f)
        case "SetChargingProfile":
            return try checkChargingProfile(f)
        case "ClearChargingProfile":
            return try checkClearChargingProfile(f)
        case "GetCompositeSchedule":
            return try compositeSchedule(f, station: station)
        case "GetDiagnostics":
            try f.only(["location", "retries", "retryInterval", "startTime", "stopTime"])
            let location = try f.string("location")
            _ = try f.optionalInt("retries")
            _ = try f.optionalInt("retryInterval")
            let name = "diagnostics-\(identity.chargePointID).log"
            return (
                ["fileName": .string(name)],
                .diagnostics(LogUploadOrder(requestID: -1, location: location, fileName: name))
            )
        default:
            throw OCPPCallFailure(code: .notImplemented, description: "unknown action \(action)")
        }
    }

    /// The simulated instant at which the station's calendar reads `epochSeconds`.
    func instant(ofEpoch epochSeconds: Int64, _ station: Station) -> SimInstant {
        let delta = epochSeconds - station.calendarEpochSeconds
        return delta > 0 ? station.now + .seconds(delta) : station.now
    }

    func configurationReport(_ requested: [String]?) -> JSONObject {
        var known: [JSONValue] = []
        var unknown: [JSONValue] = []
        let wanted = requested ?? keys.entries.map(\.key).filter { !OCPPConfiguration.isWriteOnly($0) }
        for key in wanted {
            guard let entry = keys.entry(key), !OCPPConfiguration.isWriteOnly(key) else {
                unknown.append(.string(key))
                continue
            }
            known.append(
                .object(["key": .string(entry.key), "readonly": .bool(entry.readonly), "value": .string(entry.value)]))
        }
        var reply: JSONObject = ["configurationKey": .array(known)]
        if !unknown.isEmpty { reply["unknownKey"] = .array(unknown) }
        return reply
    }

    mutating func carryOut(_ deferred: Deferred, station: inout Station) {
        let now = station.now
        switch deferred {
        case .none:
            break
        case .grant(let tag):
            grant(tag, station: &station)
        case .localList(let version, let full, let entries):
            if full { localList = [:] }
            for (tag, status) in entries {
                if let status { localList[tag] = status } else { localList[tag] = nil }
            }
            localListVersion = version
        case .remoteStart(let tag, let authorize, let profile):
            remoteStartProfile = profile
            carryOut(authorize ? .authorizeRemote(tag) : .grant(tag), station: &station)
        case .authorizeRemote(let tag):
            enqueue(
                OCPPOutgoing(
                    action: "Authorize", payload: ["idTag": .string(tag)], transactional: false,
                    purpose: .remoteStart(tag)))
        case .stop(let reason):
            station.stopTransaction(reason: reason)
        case .availability(let connector, let operative):
            if connector < 0 {
                scheduledAvailability = (-1 - connector, operative)
                note("ChangeAvailability scheduled for the end of the transaction", at: now)
            } else {
                scheduledAvailability = nil
                applyAvailability(connector: connector, operative: operative, station: &station)
            }
        case .reset(let type):
            softResetRequested = type == .soft
            station.reset(type, scheduled: false)
        case .trigger(let message, let connector):
            trigger(message, connector: connector, station: station)
        case .reserve(let id, let tag, let expires):
            if station.reserve() { reservation = (id, tag, expires) }
        case .configure(let key, let value):
            _ = keys.set(key, value)
            reschedule(after: key, station: station)
        case .clearCache:
            authorizationCache = [:]
        case .setProfile(let profile):
            store(profile, station: &station)
            chargingSchedulesSignalled = true
        case .clearProfiles(let ids):
            chargingProfiles.removeAll { ids.contains($0.id) }
            applyChargingProfiles(station: &station)
        case .cancelReservation:
            reservation = nil
            station.cancelReservation()
        case .firmware(let order):
            // With a system face the host hands it on (a real download); else simulated here.
            if handsOutFirmwareUpdates { firmwareUpdates.append(order) } else { station.updateFirmware(order) }
        case .diagnostics(let order):
            station.uploadLogs(order)
        }
    }

    /// A changed key takes effect at once: its timer restarts from now.
    mutating func reschedule(after key: String, station: Station) {
        let now = station.now
        switch key {
        case "HeartbeatInterval":
            let s = keys.int(key)
            nextHeartbeatAt = s > 0 ? now + .seconds(Int64(s)) : nil
        case "MeterValueSampleInterval":
            let s = keys.int(key)
            nextSampleAt = s > 0 && transaction != nil ? now + .seconds(Int64(s)) : nil
        case "ClockAlignedDataInterval":
            scheduleAligned(station)
        default:
            break
        }
    }

    mutating func trigger(_ message: String, connector: Int?, station: Station) {
        switch message {
        case "BootNotification":
            queueBoot(station)
        case "Heartbeat":
            enqueue(OCPPOutgoing(action: "Heartbeat", payload: [:], transactional: false))
        case "StatusNotification":
            for c in connector.map({ [$0] }) ?? [0, 1] {
                let status = OCPPConnectorStatus(of: station, connector: c)
                reported[c] = status
                enqueue(
                    OCPPOutgoing(
                        action: "StatusNotification", payload: Self.statusPayload(status, c, station),
                        transactional: false))
            }
        case "MeterValues":
            queueMeterValues(station, context: "Trigger", key: "MeterValuesSampledData")
        case "FirmwareStatusNotification":
            enqueue(
                OCPPOutgoing(action: "FirmwareStatusNotification", payload: ["status": "Idle"], transactional: false))
        default:
            enqueue(
                OCPPOutgoing(action: "DiagnosticsStatusNotification", payload: ["status": "Idle"], transactional: false)
            )
        }
    }
}

extension OCPPFace {
    /// SendLocalList's checks (OCPP 1.6 §5.15): a Differential update must be newer than the list
    /// it changes; an entry without `idTagInfo` is removed.
    func checkLocalList(_ f: OCPPFields) throws(OCPPCallFailure) -> (JSONObject, Deferred) {
        try f.only(["listVersion", "localAuthorizationList", "updateType"])
        let version = try f.int("listVersion")
        let full = try f.choice("updateType", among: ["Differential", "Full"]) == "Full"
        var entries: [(String, String?)] = []
        if let value = f.payload["localAuthorizationList"] {
            guard let list = value.arrayValue else {
                throw f.failure(.typeConstraintViolation, "\"localAuthorizationList\" must be an array")
            }
            for element in list {
                guard let entry = element.objectValue, let tag = entry["idTag"]?.stringValue else {
                    throw f.failure(.formationViolation, "each entry needs an \"idTag\"")
                }
                let status = entry["idTagInfo"]?["status"]?.stringValue
                if entry["idTagInfo"] != nil, status == nil {
                    throw f.failure(.formationViolation, "\"idTagInfo\" needs a \"status\"")
                }
                entries.append((tag, status))
            }
        }
        guard keys.bool("LocalAuthListEnabled") else { return (status("NotSupported"), .none) }
        guard entries.count <= keys.int("SendLocalListMaxLength") else { return (status("Failed"), .none) }
        if !full, version <= localListVersion { return (status("VersionMismatch"), .none) }
        return (status("Accepted"), .localList(version: version, full: full, entries: entries))
    }
}
