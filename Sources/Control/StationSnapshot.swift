import EVSEModel
public import JSON
public import Live
import Scenario
import SimCore

/// A station's state as the control API shows it: every condition key of scenario files
/// (`evse.state`, `meter.power`, …) under `state`, with the EVSE id, the pty and the active
/// EVerest errors.
///
/// Read without moving the station's clock: a live station is brought to the present only by
/// events, the 1 Hz tick and input, so looking at it never changes what it does.
public enum StationSnapshot {
    /// The snapshot of `station`.
    public static func json(_ station: LiveStation) -> JSONValue {
        let model = station.station
        var state = JSONObject()
        for key in Station.queryKeys {
            switch model.query(key.name) {
            case .number(let n)?: state[key.name] = n.isFinite ? .double(n) : .null
            case .string(let s)?: state[key.name] = .string(s)
            case .bool(let b)?: state[key.name] = .bool(b)
            case nil: state[key.name] = .null
            }
        }
        var object = JSONObject()
        object["index"] = .int(station.index)
        object["evseId"] = .string(station.evseID)
        object["pty"] = station.pty.map { .string($0.linkPath) } ?? .null
        object["t"] = .double(Double(model.now.nanoseconds) / 1e9)
        object["state"] = .object(state)
        object["errors"] = .array(station.everest.publishedErrors(of: model).map { .string($0.type.rawValue) })
        return .object(object)
    }
}
