public import EVSEModel
import JSON
import SimCore

/// The station's events turned into calls, and the answers to those calls acted on.
extension OCPPFace {
    /// Takes in what the station did in one step: session events become Authorize,
    /// Start/StopTransaction; a reboot re-registers; status changes become StatusNotification.
    public mutating func afterStep(events: [TimedStationEvent], station: inout Station) {
        for timed in events { apply(timed.event, station: &station) }
        if linkUp, registration == .accepted { reportStatuses(&station) }
        pump(now: station.now)
    }

    mutating func apply(_ event: StationEvent, station: inout Station) {
        let now = station.now
        switch event {
        case .bootReason(let reason):
            // The OCPP module starts with EVerest: a new BootNotification (libocpp `start()`).
            bootReason = reason
            softResetRequested = false
            if registration == .accepted || inFlight != nil {
                linkWentDown()
                registration = .none
                reported = [:]
            }
            if linkUp { queueBoot(station) }
        case .powerCut:
            powered = false
            linkWentDown()
            registration = .none
            reported = [:]
            nextHeartbeatAt = nil
            // Nothing is sampled while the meter has no power.
            nextSampleAt = nil
            nextAlignedAt = nil
            closeForPowerCut(station: &station)
        case .powerRestored:
            // EVerest starts again: libocpp connects and registers anew (BootNotification on
            // every connection); the transaction messages of its persistent queue follow.
            powered = true
            note("power back: the charge point opens its connection", at: now)
            output.append(.connection(open: true))
        case .session(let session):
            applySession(session, station: &station)
        case .firmwareUpdateStatus(let status, _):
            // Installed is libocpp's own, once the new firmware booted (the BootNotification answer).
            if let text = Self.firmwareStatus(status), status != .installed {
                queueIfOnline(
                    OCPPOutgoing(
                        action: "FirmwareStatusNotification", payload: ["status": .string(text)], transactional: false))
            }
            // libocpp sets the EVSEs inoperative and allows the installation once downloaded.
            if status == .downloaded { station.allowFirmwareInstallation() }
        case .logStatus(let status, _):
            if let text = Self.diagnosticsStatus(status) {
                queueIfOnline(
                    OCPPOutgoing(
                        action: "DiagnosticsStatusNotification", payload: ["status": .string(text)],
                        transactional: false))
            }
        default:
            break
        }
        _ = now
    }

    mutating func applySession(_ event: EverestSessionEvent, station: inout Station) {
        let now = station.now
        switch event {
        case .sessionStarted:
            // libocpp's on_session_started: Preparing goes out before the Authorize and the
            // StartTransaction the same instant may bring (the station's own token, a remote start).
            reportPreparing(station)
        case .authRequired:
            if let grant = pendingGrant {
                pendingGrant = nil
                sessionIDTag = grant.tag
                station.authorize()
            }
        case .authorized:
            if sessionIDTag == nil {
                let tag = identity.idTag
                sessionIDTag = tag
                if !(keys.bool("LocalPreAuthorize") && authorizationCache[tag] == "Accepted") {
                    queueIfOnline(
                        OCPPOutgoing(
                            action: "Authorize", payload: ["idTag": .string(tag)], transactional: false,
                            purpose: .automatic(tag)))
                }
            }
        case .transactionStarted(let meter):
            localTransactions += 1
            transaction = localTransactions
            transactionData = []
            var payload: JSONObject = [
                "connectorId": 1, "idTag": .string(sessionIDTag ?? identity.idTag),
                "meterStart": .int(Int(meter.importWh.rounded())), "timestamp": Self.timestamp(station),
            ]
            if let r = reservation {
                payload["reservationId"] = .int(r.id)
                reservation = nil
            }
            enqueue(
                OCPPOutgoing(
                    action: "StartTransaction", payload: payload, transactional: true, localTransaction: transaction))
            let interval = keys.int("MeterValueSampleInterval")
            nextSampleAt = interval > 0 ? now + .seconds(Int64(interval)) : nil
            transactionStartEpoch = station.calendarEpochSeconds
            if var profile = remoteStartProfile {
                remoteStartProfile = nil
                profile.transactionID = nil
                chargingProfiles.removeAll { $0.id == profile.id || $0.purpose == .tx }
                chargingProfiles.append(profile)
            }
            if !chargingProfiles.isEmpty { applyChargingProfiles(station: &station) }
        case .transactionFinished(let reason, let meter):
            guard let local = transaction else { break }
            var payload: JSONObject = [
                "meterStop": .int(Int(meter.importWh.rounded())), "timestamp": Self.timestamp(station),
                "reason": .string(reason == .reboot && softResetRequested ? "SoftReset" : Self.stopReason(reason)),
            ]
            if let tag = sessionIDTag { payload["idTag"] = .string(tag) }
            if !transactionData.isEmpty { payload["transactionData"] = .array(transactionData) }
            transactionData = []
            enqueue(
                OCPPOutgoing(action: "StopTransaction", payload: payload, transactional: true, localTransaction: local))
            transaction = nil
            transactionStartEpoch = nil
            // A TxProfile lives as long as its transaction (OCPP 1.6 §3.13.2).
            chargingProfiles.removeAll { $0.purpose == .tx }
            if !chargingProfiles.isEmpty || appliedProfileAmps != nil { applyChargingProfiles(station: &station) }
            nextSampleAt = nil
            // TransactionStoppedAndUserActionRequired: Finishing, even when the unplug that
            // ended the transaction makes the connector Available in the same instant.
            if linkUp, registration == .accepted {
                var finishing = OCPPConnectorStatus(of: station, connector: 1)
                if finishing.status != "Faulted", finishing.status != "Unavailable" {
                    finishing.status = "Finishing"
                    if reported[1] != finishing {
                        reported[1] = finishing
                        enqueue(
                            OCPPOutgoing(
                                action: "StatusNotification", payload: Self.statusPayload(finishing, 1, station),
                                transactional: false))
                    }
                }
            }
            if let scheduled = scheduledAvailability {
                scheduledAvailability = nil
                applyAvailability(connector: scheduled.connector, operative: scheduled.operative, station: &station)
            }
        case .sessionFinished:
            sessionIDTag = nil
        case .reservationEnd:
            reservation = nil
        default:
            break
        }
    }

    /// Queues a call that only makes sense online (status, notifications): dropped otherwise.
    mutating func queueIfOnline(_ call: OCPPOutgoing) {
        guard linkUp, registration == .accepted else { return }
        enqueue(call)
    }

    /// Sends a StatusNotification for each connector whose status changed since last reported.
    /// The station is `inout` only to be read in place: this runs after every step, and a
    /// station passed by value from the host's mutable storage is copied (1.8 KB) at each call.
    mutating func reportStatuses(_ station: inout Station) {
        for connector in 0...1 {
            let status = OCPPConnectorStatus(reading: &station, connector: connector)
            guard reported[connector] != status else { continue }
            report(status, connector: connector, station: &station)
        }
    }

    /// Out of line: with the payload built in ``reportStatuses(_:)``, the station was copied
    /// (1.2 KB) on every call, most of which report nothing.
    @inline(never)
    private mutating func report(_ status: OCPPConnectorStatus, connector: Int, station: inout Station) {
        reported[connector] = status
        enqueue(
            OCPPOutgoing(
                action: "StatusNotification", payload: Self.statusPayload(status, connector, station),
                transactional: false))
    }

    /// Connector 1 reported Preparing at once (unless it is Faulted or Unavailable).
    mutating func reportPreparing(_ station: Station) {
        guard linkUp, registration == .accepted else { return }
        var status = OCPPConnectorStatus(of: station, connector: 1)
        guard status.status != "Faulted", status.status != "Unavailable" else { return }
        status.status = "Preparing"
        guard reported[1] != status else { return }
        reported[1] = status
        enqueue(
            OCPPOutgoing(
                action: "StatusNotification", payload: Self.statusPayload(status, 1, station), transactional: false))
    }

    static func statusPayload(_ status: OCPPConnectorStatus, _ connector: Int, _ station: Station) -> JSONObject {
        var payload: JSONObject = [
            "connectorId": .int(connector), "errorCode": .string(status.errorCode), "status": .string(status.status),
            "timestamp": timestamp(station),
        ]
        if let type = status.errorType {
            payload["info"] = .string(String(type.prefix(50)))
            payload["vendorId"] = "EVerest"
        }
        return payload
    }

    /// ChangeAvailability as the OCPP module applies it: `enable_disable` from source CSMS at
    /// priority 5000 (everest-core `modules/OCPP/OCPP.cpp`).
    mutating func applyAvailability(connector: Int, operative: Bool, station: inout Station) {
        station.enableDisable(
            EnableDisableRow(source: .csms, state: operative ? .enable : .disable, priority: 5000),
            connectorID: connector)
    }

    // MARK: - Meter values

    mutating func scheduleAligned(_ station: Station) {
        let interval = Int64(keys.int("ClockAlignedDataInterval"))
        guard interval > 0 else {
            nextAlignedAt = nil
            return
        }
        let calendar = station.calendarEpochSeconds
        let next = (calendar / interval + 1) * interval
        nextAlignedAt = station.now + .seconds(next - calendar)
    }

    /// Samples the measurands of StopTxnSampledData or StopTxnAlignedData (`key`) for the
    /// transaction's StopTransaction, as libocpp keeps a transaction's meter values and reports
    /// the ones those keys name in `transactionData` (libocpp `lib/ocpp/v16/charge_point_impl.cpp`,
    /// `get_filtered_transaction_data()`). Empty keys keep nothing, and the field is left out.
    /// libocpp keeps what it sampled for MeterValues (`sampled`: MeterValuesSampledData or
    /// MeterValuesAlignedData) and filters that, so a measurand only the StopTxn key names is
    /// never reported, and the values come in the order of the sampled key.
    ///
    /// libocpp 1.6 adds `Transaction.Begin`/`Transaction.End` values only as the signed meter
    /// values (`SignedData`) a signing powermeter returns at the transaction's start and stop
    /// (`on_transaction_started()`, `on_transaction_stopped()`); the simulated meters do not
    /// sign, so, as with a Yeti board's meter, there are none.
    mutating func keepTransactionData(_ station: Station, context: String, key: String, sampled: String) {
        let reported = Set(keys.measurands(key))
        let measurands = keys.measurands(sampled).filter { reported.contains($0) }
        let values = Self.sampledValues(station, measurands: measurands, context: context)
        guard !values.isEmpty else { return }
        transactionData.append(.object(["timestamp": Self.timestamp(station), "sampledValue": .array(values)]))
    }

    mutating func queueMeterValues(_ station: Station, context: String, key: String) {
        let values = Self.sampledValues(station, measurands: keys.measurands(key), context: context)
        guard !values.isEmpty else { return }
        let payload: JSONObject = [
            "connectorId": 1,
            "meterValue": [.object(["timestamp": Self.timestamp(station), "sampledValue": .array(values)])],
        ]
        if transaction != nil {
            enqueue(
                OCPPOutgoing(
                    action: "MeterValues", payload: payload, transactional: true, localTransaction: transaction))
        } else {
            queueIfOnline(OCPPOutgoing(action: "MeterValues", payload: payload, transactional: false))
        }
    }

    /// One sampled value per measurand (per phase for current and voltage), values as OCPP's
    /// decimal strings.
    static func sampledValues(_ station: Station, measurands: [OCPPMeasurand], context: String) -> [JSONValue] {
        func number(_ name: QueryName) -> Double {
            if case .number(let v) = station.query(name) { return v }
            return 0
        }
        func value(_ v: Double, _ measurand: OCPPMeasurand, unit: String, phase: String? = nil, location: String? = nil)
            -> JSONValue
        {
            var o: JSONObject = [
                "value": .string(JSONNumber.fixed(v, decimals: 2).text), "context": .string(context),
                "measurand": .string(measurand.rawValue),
            ]
            if let phase { o["phase"] = .string(phase) }
            if let location { o["location"] = .string(location) }
            o["unit"] = .string(unit)
            return .object(o)
        }
        let phases = max(1, station.profile.phases)
        let active = Int(number(.meterPhases))
        let amps = number(.vehicleCurrent)
        var out: [JSONValue] = []
        for m in measurands {
            switch m {
            case .energyActiveImportRegister:
                out.append(value(number(.meterEnergy), m, unit: "Wh", location: "Outlet"))
            case .powerActiveImport: out.append(value(number(.meterPower), m, unit: "W", location: "Outlet"))
            case .currentImport:
                for p in 1...phases {
                    out.append(value(p <= active ? amps : 0, m, unit: "A", phase: "L\(p)", location: "Outlet"))
                }
            case .voltage:
                for p in 1...phases {
                    out.append(value(number(.meterVoltage), m, unit: "V", phase: "L\(p)-N", location: "Outlet"))
                }
            case .currentOffered: out.append(value(number(.offeredAmps), m, unit: "A", location: "Outlet"))
            case .soc:
                // Known only while an EV is plugged in (the simulated EV reports it).
                if station.vehicle != nil {
                    out.append(value(number(.vehicleSoc) * 100, m, unit: "Percent", location: "EV"))
                }
            case .temperature: out.append(value(number(.temperature), m, unit: "Celsius", location: "Body"))
            case .frequency: out.append(value(station.profile.frequencyHz, m, unit: "Hz", location: "Outlet"))
            }
        }
        return out
    }

    // MARK: - Answers to the charge point's calls

    mutating func handleAnswer(to call: OCPPOutgoing, payload: JSONObject, station: inout Station) {
        let now = station.now
        switch call.action {
        case "BootNotification":
            let status = payload["status"]?.stringValue ?? ""
            let interval = payload["interval"]?.numberValue?.int64Value.map { Int($0) } ?? 0
            if let text = payload["currentTime"]?.stringValue, let time = WallTime(rfc3339: text) {
                station.setSystemTime(epochSeconds: time.startEpochSeconds)
            }
            switch status {
            case "Accepted":
                registration = .accepted
                if interval > 0 { _ = keys.set("HeartbeatInterval", String(interval)) }
                let heartbeat = keys.int("HeartbeatInterval")
                nextHeartbeatAt = heartbeat > 0 ? now + .seconds(Int64(heartbeat)) : nil
                scheduleAligned(station)
                reported = [:]
                reportStatuses(&station)
                // libocpp reports a finished firmware update once the new firmware has booted.
                if bootReason == .firmwareUpdate {
                    enqueue(
                        OCPPOutgoing(
                            action: "FirmwareStatusNotification", payload: ["status": "Installed"], transactional: false
                        ))
                }
            case "Pending", "Rejected":
                registration = status == "Pending" ? .pending : .rejected
                nextBootAt = now + .seconds(Int64(interval > 0 ? interval : 60))
            default:
                note("BootNotification answer without a valid status; retry in 60 s", at: now)
                nextBootAt = now + .seconds(60)
            }
        case "Heartbeat":
            if let text = payload["currentTime"]?.stringValue, let time = WallTime(rfc3339: text) {
                station.setSystemTime(epochSeconds: time.startEpochSeconds)
            }
        case "Authorize":
            let status = payload["idTagInfo"]?["status"]?.stringValue ?? "Invalid"
            switch call.purpose {
            case .present(let tag), .remoteStart(let tag):
                if keys.bool("AuthorizationCacheEnabled") { authorizationCache[tag] = status }
                if status == "Accepted" {
                    grant(tag, station: &station)
                } else {
                    note("token \(tag) not accepted: \(status)", at: now)
                }
            case .automatic(let tag):
                if keys.bool("AuthorizationCacheEnabled") { authorizationCache[tag] = status }
                if status != "Accepted", sessionIDTag == tag {
                    note("token \(tag) not accepted: \(status); the session is deauthorised", at: now)
                    station.stopTransaction(reason: .deAuthorized)
                }
            case .none:
                break
            }
        case "StartTransaction":
            if let local = call.localTransaction, let id = payload["transactionId"]?.numberValue?.int64Value {
                transactionIDs[local] = Int(id)
            }
            let status = payload["idTagInfo"]?["status"]?.stringValue ?? "Accepted"
            if status != "Accepted", keys.bool("StopTransactionOnInvalidId"), transaction == call.localTransaction {
                note("StartTransaction idTag \(status): stopping the transaction (StopTransactionOnInvalidId)", at: now)
                station.stopTransaction(reason: .deAuthorized)
            }
        default:
            break
        }
    }

    /// A token is accepted for the station: the waiting session gets it, else it is kept for the
    /// next plug-in until ConnectionTimeOut (the Auth module's `connection_timeout`).
    mutating func grant(_ tag: String, station: inout Station) {
        if station.everest.phase == .waitingForAuth, !station.everest.authorized {
            sessionIDTag = tag
            station.authorize()
        } else {
            pendingGrant = (tag, station.now + .seconds(Int64(max(1, keys.int("ConnectionTimeOut")))))
        }
    }

    /// OCPP 1.6 `Reason` for an EVerest stop reason (everest-core `modules/OCPP/conversions.cpp`).
    static func stopReason(_ reason: EverestStopReason) -> String {
        switch reason {
        case .deAuthorized: "DeAuthorized"
        case .emergencyStop: "EmergencyStop"
        case .evDisconnected: "EVDisconnected"
        case .hardReset: "HardReset"
        case .local: "Local"
        case .powerLoss: "PowerLoss"
        case .reboot: "Reboot"
        case .remote: "Remote"
        case .unlockCommand: "UnlockCommand"
        default: "Other"
        }
    }

    static func firmwareStatus(_ status: FirmwareUpdateStatus) -> String? {
        switch status {
        case .downloaded: "Downloaded"
        case .downloadFailed: "DownloadFailed"
        case .downloading: "Downloading"
        case .idle: "Idle"
        case .installationFailed, .installVerificationFailed, .invalidSignature: "InstallationFailed"
        case .installing: "Installing"
        case .installed: "Installed"
        default: nil
        }
    }

    static func diagnosticsStatus(_ status: LogStatus) -> String? {
        switch status {
        case .idle: "Idle"
        case .uploaded: "Uploaded"
        case .uploading: "Uploading"
        case .uploadFailure, .badMessage, .permissionDenied, .notSupportedOperation: "UploadFailed"
        case .acceptedCanceled: nil
        }
    }
}

extension OCPPFace {
    /// A card presented at the station (the Auth module asks the OCPP validator): a token the
    /// cache already accepted counts at once with LocalPreAuthorize (or offline with
    /// LocalAuthorizeOffline); otherwise an Authorize goes to the CSMS and its answer decides.
    public mutating func present(idTag: String, station: inout Station) {
        // The Local Authorization List takes precedence over the cache (OCPP 1.6 §3.5.3).
        let listed = keys.bool("LocalAuthListEnabled") ? localList[idTag] : nil
        let cached = keys.bool("AuthorizationCacheEnabled") ? authorizationCache[idTag] : nil
        let online = linkUp && registration == .accepted
        if let status = listed ?? cached, keys.bool(online ? "LocalPreAuthorize" : "LocalAuthorizeOffline") {
            let source = listed != nil ? "Local Authorization List" : "authorisation cache"
            if status == "Accepted" {
                note("token \(idTag) accepted from the \(source)", at: station.now)
                grant(idTag, station: &station)
            } else {
                note("token \(idTag) not accepted: \(status) in the \(source)", at: station.now)
            }
            return
        }
        guard online else {
            note("token \(idTag) not accepted: offline and not known locally", at: station.now)
            return
        }
        enqueue(
            OCPPOutgoing(
                action: "Authorize", payload: ["idTag": .string(idTag)], transactional: false, purpose: .present(idTag))
        )
        pump(now: station.now)
    }
}
