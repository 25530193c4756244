import EVSEModel
import SimCore

/// Received commands: decode as the real module parses them, then hand them to the station.
extension EverestFace {
    /// Handles one received message.
    ///
    /// The payload is decoded exactly as the legacy API module parses it
    /// (``EverestCommandDecoder``); what it means for the station is decided by the station. A
    /// payload the module would ignore changes nothing; the two documented defaults
    /// (`force_unlock` → connector 1, `uk_random_delay_set_max_duration_s` → 600) are applied.
    /// Every message leaves one trace record: `mqtt.receive` (with `result`) when applied,
    /// `mqtt.reject` (with `reason`) when not.
    ///
    /// Call ``afterStep(events:station:)`` afterwards: a command can finish the transaction, whose
    /// `session_info` goes out at once.
    public mutating func receive(topic: String, payload: [UInt8], station: inout Station) -> EverestFaceResult {
        let time = station.now
        if publishesSharedTopics, let ocpp = topics.ocppCommandName(forTopic: topic) {
            let result = EverestFaceResult.applied(applyOCPP(ocpp, to: &station))
            trace(
                "mqtt.receive", at: time, topic: topic, payload: payload, [.init("result", .string(result.description))]
            )
            return result
        }
        guard let name = topics.commandName(forTopic: topic) else {
            let result = EverestFaceResult.ignored(topic: topic)
            trace(
                "mqtt.reject", at: time, topic: topic, payload: payload, [.init("reason", .string(result.description))])
            return result
        }
        let result: EverestFaceResult
        switch EverestCommandDecoder.decode(name, payload: payload) {
        case .command(let command):
            result = .applied(apply(command, to: &station))
        case .defaulted(let command, let reason):
            result = .defaulted(apply(command, to: &station), reason: reason)
        case .rejected(let reason):
            result = .rejected(reason: reason)
        }
        switch result {
        case .applied, .defaulted:
            trace(
                "mqtt.receive", at: time, topic: topic, payload: payload, [.init("result", .string(result.description))]
            )
        case .rejected(let reason):
            trace("mqtt.reject", at: time, topic: topic, payload: payload, [.init("reason", .string(reason))])
        case .ignored:
            break  // traced above
        }
        return result
    }

    /// Handles one received message given as text.
    public mutating func receive(topic: String, payload: String, station: inout Station) -> EverestFaceResult {
        receive(topic: topic, payload: Array(payload.utf8), station: &station)
    }

    /// `everest_api/ocpp/cmd/connect|disconnect`: the OCPP module opens or closes its websocket,
    /// and `ocpp/var/connection_status` follows (everest-core `OCPP::ready()`,
    /// `connect_websocket()`, `disconnect_websocket()`). The CSMS is taken to accept at once.
    mutating func applyOCPP(_ command: OCPPCommandName, to station: inout Station) -> String {
        let status: OCPPStatus = command == .connect ? .connected : .disconnected
        station.setOCPPStatus(status)
        return "ocpp \(command.rawValue): connection_status \(status.rawValue)"
    }

    /// Applies a decoded command; returns what it did, for the result.
    mutating func apply(_ command: EverestCommand, to station: inout Station) -> String {
        switch command {
        case .enableDisable(let connectorID, let row):
            let enabled = station.enableDisable(row, connectorID: connectorID)
            return "enable_disable connector \(connectorID) \(row): EVSE \(enabled ? "enabled" : "disabled")"
        case .pauseCharging:
            let effective = station.everest.transaction == .active
            station.pauseCharging()
            return "pause_charging" + (effective ? "" : ": no active transaction, no effect")
        case .resumeCharging:
            let effective = station.everest.transaction == .active
            station.resumeCharging()
            return "resume_charging" + (effective ? "" : ": no active transaction, no effect")
        case .stopCharging:
            let effective = station.everest.transaction == .active
            station.stopTransaction(reason: .local)
            return "stop_charging (reason Local)" + (effective ? "" : ": no active transaction, no effect")
        case .forceUnlock(let connectorID):
            // everest-core `API::init()`, `cmd/force_unlock` (#786): the transaction is stopped first, like OCPP's
            // UnlockConnector, even though there is no lock to open.
            let effective = station.everest.transaction == .active
            station.stopTransaction(reason: .unlockCommand)
            return "force_unlock connector \(connectorID): stop_transaction (reason UnlockCommand)"
                + (effective ? "" : ": no active transaction, no effect")
        case .setLimitAmps(let value):
            let amps = Self.importLimit(value)
            station.replaceExternalLimit(amps: amps, watts: nil, phases: nil)
            return "set_limit_amps: import limit \(amps) A" + Self.exportNote(value, unit: "A")
        case .setLimitWatts(let value):
            let watts = Self.importLimit(value)
            station.replaceExternalLimit(amps: nil, watts: watts, phases: nil)
            return "set_limit_watts: import limit \(watts) W" + Self.exportNote(value, unit: "W")
        case .setLimitAmpsPhases(let value, let phases):
            let amps = Self.importLimit(value)
            // A non-positive current goes to the export schedule; import gets 0 A without a
            // phase count (everest-core `API::ready()`, `cmd/set_limit_amps_phases`).
            let importPhases = amps > 0 ? phases : nil
            station.replaceExternalLimit(amps: amps, watts: nil, phases: importPhases)
            return "set_limit_amps_phases: import limit \(amps) A"
                + (importPhases.map { " on \($0) phase\($0 == 1 ? "" : "s")" } ?? "")
                + Self.exportNote(value, unit: "A")
        case .ukRandomDelay(let command):
            station.ukRandomDelay(command)
            return "uk_random_delay \(command.rawValue)"
        case .ukRandomDelaySetMaxDuration(let seconds):
            station.setRandomDelayMax(seconds: seconds)
            return "uk_random_delay_set_max_duration_s \(seconds)"
        }
    }

    /// The import limit a `set_limit_*` value gives: the value when positive (infinity
    /// included: no limit below the others), otherwise 0 — zero, negative and NaN values go
    /// to the export schedule (everest-core `API::ready()`, `set_limit_*`).
    static func importLimit(_ value: Double) -> Double { value > 0 ? value : 0 }

    /// Says that the export part of a non-positive limit has no effect on this station.
    static func exportNote(_ value: Double, unit: String) -> String {
        value > 0 ? "" : " (export limit \(value.magnitude) \(unit) not modelled: the station cannot discharge)"
    }
}
