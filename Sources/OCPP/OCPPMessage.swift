public import JSON

/// One OCPP-J frame (OCPP-J 1.6 §4): a CALL `[2, id, action, payload]`, a CALLRESULT
/// `[3, id, payload]` or a CALLERROR `[4, id, code, description, details]`.
public enum OCPPMessage: Hashable, Sendable {
    /// A request.
    case call(id: String, action: String, payload: JSONObject)
    /// The answer to a request.
    case callResult(id: String, payload: JSONObject)
    /// A request that could not be handled.
    case callError(id: String, code: OCPPErrorCode, description: String, details: JSONObject)

    /// The message id every frame carries.
    public var id: String {
        switch self {
        case .call(let id, _, _), .callResult(let id, _), .callError(let id, _, _, _): id
        }
    }

    /// The frame as a JSON array.
    public var json: JSONValue {
        switch self {
        case .call(let id, let action, let payload):
            [2, .string(id), .string(action), .object(payload)]
        case .callResult(let id, let payload):
            [3, .string(id), .object(payload)]
        case .callError(let id, let code, let description, let details):
            [4, .string(id), .string(code.rawValue), .string(description), .object(details)]
        }
    }

    /// The frame's text, as sent in one WebSocket text message.
    public var bytes: [UInt8] { JSONWriter.compact.bytes(json) }

    /// The frame's text as a string.
    public var text: String { JSONWriter.compact.string(json) }

    /// Reads one frame. A frame that cannot be read throws the CALLERROR the spec asks for,
    /// with the message id when one could be found (OCPP-J 1.6 §4.2.3: an unreadable message
    /// is a FormationViolation; a bad message type a ProtocolError).
    public init(parsing bytes: [UInt8]) throws(OCPPFrameError) {
        var policy = JSONParser.Policy.nlohmann
        policy.maximumValues = 100_000
        guard let value = try? JSONParser(policy: policy).parse(bytes, file: "ocpp") else {
            throw OCPPFrameError(id: nil, code: .formationViolation, description: "the message is not JSON")
        }
        guard let elements = value.arrayValue, elements.count >= 3 else {
            throw OCPPFrameError(
                id: nil, code: .formationViolation, description: "an OCPP-J message is a JSON array of 3 to 5 elements")
        }
        guard let id = elements[1].stringValue, !id.isEmpty, id.utf8.count <= 36 else {
            throw OCPPFrameError(
                id: nil, code: .formationViolation, description: "the message id must be a string of 1 to 36 characters"
            )
        }
        guard let type = elements[0].numberValue?.int64Value else {
            throw OCPPFrameError(id: id, code: .formationViolation, description: "the message type must be a number")
        }
        switch (type, elements.count) {
        case (2, 4):
            guard let action = elements[2].stringValue else {
                throw OCPPFrameError(id: id, code: .formationViolation, description: "the action must be a string")
            }
            guard let payload = elements[3].objectValue else {
                throw OCPPFrameError(id: id, code: .formationViolation, description: "the payload must be an object")
            }
            self = .call(id: id, action: action, payload: payload)
        case (3, 3):
            guard let payload = elements[2].objectValue else {
                throw OCPPFrameError(id: id, code: .formationViolation, description: "the payload must be an object")
            }
            self = .callResult(id: id, payload: payload)
        case (4, 5):
            let code = elements[2].stringValue.flatMap(OCPPErrorCode.init(rawValue:)) ?? .genericError
            self = .callError(
                id: id, code: code, description: elements[3].stringValue ?? "",
                details: elements[4].objectValue ?? JSONObject())
        case (2, _), (3, _), (4, _):
            throw OCPPFrameError(
                id: id, code: .formationViolation, description: "message type \(type) with \(elements.count) elements")
        default:
            throw OCPPFrameError(id: id, code: .protocolError, description: "unknown message type \(type)")
        }
    }
}

/// Why a received frame could not be read, as the CALLERROR to answer it with.
public struct OCPPFrameError: Error, Hashable, Sendable {
    /// The message id, if the frame had a readable one (without it no answer can be addressed).
    public var id: String?
    /// The error code.
    public var code: OCPPErrorCode
    /// What was wrong.
    public var description: String

    /// Creates an error.
    public init(id: String?, code: OCPPErrorCode, description: String) {
        self.id = id
        self.code = code
        self.description = description
    }
}
