import EVSEModel
import EverestAPI
import JSON
import OCPP

/// The OCPP face inside the host: frames to the scripted CSMS or the driver, CSMS frames in,
/// the connection, and the scenario playing the CSMS.
extension StationHost {
    /// Handles a frame the CSMS sent, at the station's present instant.
    public mutating func receive(ocppFrame bytes: [UInt8]) {
        guard ocppBox != nil else { return }
        ownOCPP()!.face.receive(bytes, station: &station)
        routeOCPP()
        afterChange()
    }

    /// The connection to the CSMS came up or went down (`connection_status` follows).
    public mutating func ocppConnectionChanged(_ up: Bool) {
        guard ocppBox != nil else { return }
        ownOCPP()!.face.connectionChanged(up, station: &station)
        routeOCPP()
        afterChange()
    }

    /// The OCPP module's `charging_schedules` when it publishes them, for the API module to
    /// forward at this tick (README, "OCPP face").
    mutating func takeChargingSchedules() -> ChargingSchedulesReading? {
        guard ocppBox != nil, let schedules = ownOCPP()!.face.takeChargingSchedules(reading: &station) else {
            return nil
        }
        return Self.reading(schedules)
    }

    /// The EVerest type (`types/ocpp.yaml` ChargingSchedules) of libocpp's composites.
    static func reading(_ schedules: [OCPPCompositeSchedule]) -> ChargingSchedulesReading {
        ChargingSchedulesReading(
            schedules: schedules.map { schedule in
                .init(
                    evse: schedule.connector, chargingRateUnit: schedule.unit,
                    periods: schedule.periods.map {
                        .init(
                            startPeriod: $0.startPeriod, limit: $0.limit, numberPhases: $0.numberPhases,
                            stackLevel: $0.stackLevel)
                    }, duration: schedule.duration, startSchedule: schedule.startSchedule)
            })
    }

    /// The face's configuration from a scenario's `ocpp` section.
    static func ocppConfiguration(_ settings: OCPPSettings, station: Station) -> OCPPFaceConfiguration {
        OCPPFaceConfiguration(
            chargePointID: settings.chargePointID ?? station.profile.id, model: station.profile.id,
            idTag: settings.idTag ?? "EVSESIM", keys: OCPPConfiguration(overrides: settings.configuration))
    }

    /// Hands everything the face produced to its destination until it is quiet: records to the
    /// output, frames to the scripted CSMS (whose answers go straight back in) or the driver.
    mutating func routeOCPP() {
        guard ocppBox != nil else { return }
        while true {
            if !ocppBox!.face.firmwareUpdates.isEmpty {
                let orders = ownOCPP()!.face.firmwareUpdates
                ownOCPP()!.face.firmwareUpdates = []
                startFirmwareUpdates(orders)
            }
            let items = ownOCPP()!.face.takeOutput()
            if items.isEmpty { return }
            for item in items {
                switch item {
                case .record(let record): put(record)
                case .send(let message, let action): deliver(message, action: action)
                case .connection(let open): changeConnection(open: open)
                }
            }
        }
    }

    /// The face closes or reopens its connection: the scripted CSMS of a fast run takes it at
    /// once when it is reachable; a live driver closes or reconnects its WebSocket.
    private mutating func changeConnection(open: Bool) {
        guard ocppBox?.csms != nil else { return output.append(.ocppConnection(open: open)) }
        if open, ocppBox!.csms!.reachable { ownOCPP()!.face.connectionChanged(true, station: &station) }
    }

    private mutating func deliver(_ message: OCPPMessage, action: String?) {
        let now = station.now
        var answersScenario = false
        switch message {
        case .call(_, let name, let payload):
            ownInterpreter()?.value.observeOCPP(
                action: name, isCall: true, payload: JSONWriter.compact.bytes(.object(payload)), at: now)
        case .callResult(let id, let payload):
            answersScenario = ownOCPP()!.scenarioCallIDs.remove(id) != nil
            ownInterpreter()?.value.observeOCPP(
                action: action ?? "-", isCall: false, payload: JSONWriter.compact.bytes(.object(payload)), at: now)
        case .callError(let id, let code, let description, _):
            answersScenario = ownOCPP()!.scenarioCallIDs.remove(id) != nil
            let payload: JSONValue = ["errorCode": .string(code.rawValue), "errorDescription": .string(description)]
            ownInterpreter()?.value.observeOCPP(
                action: action ?? "-", isCall: false, payload: JSONWriter.compact.bytes(payload), at: now)
        }
        if ocppBox?.csms != nil {
            if let answer = ownOCPP()!.csms!.answer(message, clock: station.wallTime, at: now) {
                ownOCPP()!.face.receive(answer.bytes, station: &station)
            }
        } else if !answersScenario {
            output.append(.ocppFrame(message.bytes))
        }
    }

    /// A scenario's `ocpp` step.
    mutating func playCSMS(_ step: OCPPStep) {
        do {
            guard let box = ownOCPP() else { return }
            // The box is this host's own (just checked); its scope ends before the host is reached again.
            switch step {
            case .call(let action, let payload, _):
                let id = box.csms?.nextCallID() ?? "scenario-\(box.scenarioCallIDs.count + 1)"
                box.scenarioCallIDs.insert(id)
                box.face.receive(OCPPMessage.call(id: id, action: action, payload: payload).bytes, station: &station)
            case .raw(let bytes, _):
                if let id = try? OCPPMessage(parsing: bytes).id { box.scenarioCallIDs.insert(id) }
                box.face.receive(bytes, station: &station)
            case .csms(let action, let rule):
                if rule == .standard { box.csms?.rules[action] = nil } else { box.csms?.rules[action] = rule }
            case .connection(let up):
                box.csms?.reachable = up
                box.face.connectionChanged(up, station: &station)
            case .present(let idTag):
                box.face.present(idTag: idTag, station: &station)
            }
        }
        routeOCPP()
        afterChange()
    }
}
