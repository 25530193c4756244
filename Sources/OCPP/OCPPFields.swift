import JSON

/// Typed reading of a request payload, failing with the CALLERROR for each kind of mistake as
/// OCPP-J 1.6 §4.2.3 names them and libocpp answers schema failures: a missing field
/// or an unknown one is a FormationViolation, a wrong JSON type a TypeConstraintViolation, a
/// value outside its enumeration or range a PropertyConstraintViolation.
struct OCPPFields {
    let payload: JSONObject
    let action: String

    init(_ payload: JSONObject, action: String) {
        self.payload = payload
        self.action = action
    }

    func failure(_ code: OCPPErrorCode, _ text: String) -> OCPPCallFailure {
        OCPPCallFailure(code: code, description: "\(action): \(text)")
    }

    /// Rejects members the schema does not define (the 1.6 schemas say `additionalProperties: false`).
    func only(_ keys: Set<String>) throws(OCPPCallFailure) {
        if let extra = payload.keys.first(where: { !keys.contains($0) }) {
            throw failure(.formationViolation, "unexpected field \"\(extra)\"")
        }
    }

    func string(_ key: String, maxLength: Int? = nil) throws(OCPPCallFailure) -> String {
        guard let value = payload[key] else { throw failure(.formationViolation, "missing required field \"\(key)\"") }
        return try string(value, key: key, maxLength: maxLength)
    }

    func optionalString(_ key: String, maxLength: Int? = nil) throws(OCPPCallFailure) -> String? {
        guard let value = payload[key] else { return nil }
        return try string(value, key: key, maxLength: maxLength)
    }

    private func string(_ value: JSONValue, key: String, maxLength: Int?) throws(OCPPCallFailure) -> String {
        guard let s = value.stringValue else {
            throw failure(.typeConstraintViolation, "\"\(key)\" must be a string, found \(value.kindName)")
        }
        if let maxLength, s.count > maxLength {
            throw failure(.propertyConstraintViolation, "\"\(key)\" is longer than \(maxLength) characters")
        }
        return s
    }

    func int(_ key: String) throws(OCPPCallFailure) -> Int {
        guard let value = payload[key] else { throw failure(.formationViolation, "missing required field \"\(key)\"") }
        return try int(value, key: key)
    }

    func optionalInt(_ key: String) throws(OCPPCallFailure) -> Int? {
        guard let value = payload[key] else { return nil }
        return try int(value, key: key)
    }

    private func int(_ value: JSONValue, key: String) throws(OCPPCallFailure) -> Int {
        guard let n = value.numberValue else {
            throw failure(.typeConstraintViolation, "\"\(key)\" must be an integer, found \(value.kindName)")
        }
        guard let i = n.int64Value, let v = Int(exactly: i) else {
            throw failure(.typeConstraintViolation, "\"\(key)\" must be an integer, found \(n)")
        }
        return v
    }

    func choice(_ key: String, among choices: [String]) throws(OCPPCallFailure) -> String {
        let s = try string(key)
        guard choices.contains(s) else {
            throw failure(
                .propertyConstraintViolation,
                "\"\(key)\" must be one of \(choices.joined(separator: ", ")), found \"\(s)\"")
        }
        return s
    }

    func optionalChoice(_ key: String, among choices: [String]) throws(OCPPCallFailure) -> String? {
        guard payload[key] != nil else { return nil }
        return try choice(key, among: choices)
    }

    func optionalStrings(_ key: String) throws(OCPPCallFailure) -> [String]? {
        guard let value = payload[key] else { return nil }
        guard let elements = value.arrayValue else {
            throw failure(.typeConstraintViolation, "\"\(key)\" must be an array of strings")
        }
        var out: [String] = []
        for element in elements {
            guard let s = element.stringValue else {
                throw failure(.typeConstraintViolation, "\"\(key)\" must be an array of strings")
            }
            out.append(s)
        }
        return out
    }
}

/// A request the face could not carry out, as its CALLERROR.
public struct OCPPCallFailure: Error, Hashable, Sendable {
    /// The error code.
    public var code: OCPPErrorCode
    /// What was wrong, naming the action and field.
    public var description: String

    /// Creates a failure.
    public init(code: OCPPErrorCode, description: String) {
        self.code = code
        self.description = description
    }
}
