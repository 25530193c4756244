import EVSEModel
import JSON
public import OCPP
public import SimCore

/// The CSMS of a fast run: answers every call of the charge point at once, by default
/// accepting everything (BootNotification Accepted with its interval, tokens Accepted,
/// transaction ids counting from 1, its clock the scenario's wall clock), or as the scenario's
/// rules say per action.
public struct ScriptedCSMS: Sendable {
    /// Answers by action.
    public var rules: [String: CSMSRule]
    /// Whether the charge point can reach it.
    public var reachable: Bool
    var transactions = 0
    var calls = 0

    /// A CSMS with `settings`' rules.
    public init(settings: OCPPSettings) {
        rules = settings.csms
        reachable = settings.connected
    }

    /// A fresh message id for a call the scenario sends.
    public mutating func nextCallID() -> String {
        calls += 1
        return "csms-\(calls)"
    }

    /// The answer to one frame of the charge point, or nil (not a call, or to be ignored).
    /// - Parameter clock: the wall clock now (the CSMS's `currentTime`).
    public mutating func answer(_ message: OCPPMessage, clock: WallTime, at now: SimInstant) -> OCPPMessage? {
        guard case .call(let id, let action, _) = message else { return nil }
        var payload = defaultAnswer(action, time: .string(clock.rfc3339(at: now)))
        switch rules[action] ?? .standard {
        case .standard:
            break
        case .ignore:
            return nil
        case .error(let code):
            return .callError(
                id: id, code: OCPPErrorCode(rawValue: code) ?? .genericError, description: "scripted error",
                details: [:])
        case .reply(let replacement):
            for member in replacement.members { payload[member.key] = member.value }
        }
        return .callResult(id: id, payload: payload)
    }

    mutating func defaultAnswer(_ action: String, time: JSONValue) -> JSONObject {
        let accepted: JSONValue = ["status": "Accepted"]
        switch action {
        case "BootNotification":
            return ["status": "Accepted", "currentTime": time, "interval": 300]
        case "Heartbeat":
            return ["currentTime": time]
        case "Authorize":
            return ["idTagInfo": accepted]
        case "StartTransaction":
            transactions += 1
            return ["transactionId": .int(transactions), "idTagInfo": accepted]
        case "DataTransfer":
            return ["status": "Accepted"]
        default:
            return [:]
        }
    }
}
