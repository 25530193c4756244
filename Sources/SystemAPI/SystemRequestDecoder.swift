import EVSEModel
import JSON
import SimCore

/// A request that failed validation: why, and where its reply (if any) would have gone.
public struct SystemRequestError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The request.
    public var name: SystemRequestName
    /// What is wrong, naming the field.
    public var reason: String
    /// The envelope's `headers.replyTo`, when it could be read.
    public var replyTo: String?

    public var description: String { "\(name.rawValue): \(reason)" }
}

/// A validated request and where its reply goes.
public struct SystemEnvelope: Hashable, Sendable {
    /// The request.
    public var request: SystemRequest
    /// `headers.replyTo`; nil: no reply is sent, as the document says.
    public var replyTo: String?
}

/// Reads a request's bytes and validates them against the document's message schemas
/// (everest-core `docs/source/reference/EVerest_API/system_API.yaml`, `components/messages`).
/// Requests with a reply come in an envelope `{"headers": {"replyTo": …}, "payload": …}`;
/// `reset` is a bare `ResetRequest`, `heartbeat` a bare integer, `allow_firmware_installation`
/// has no payload.
public enum SystemRequestDecoder {
    /// Decodes `bytes` received for `name`.
    public static func decode(_ name: SystemRequestName, _ bytes: [UInt8]) -> Result<SystemEnvelope, SystemRequestError>
    {
        var replyTo: String?
        func fail(_ reason: String) -> Result<SystemEnvelope, SystemRequestError> {
            .failure(SystemRequestError(name: name, reason: reason, replyTo: replyTo))
        }
        if name == .allowFirmwareInstallation {
            return .success(SystemEnvelope(request: .allowFirmwareInstallation, replyTo: nil))
        }
        guard let value = try? JSONParser(policy: .nlohmann).parse(bytes, file: name.rawValue) else {
            return fail("the payload is not JSON")
        }
        switch name {
        case .heartbeat:
            guard let n = value.numberValue, let id = n.uint64Value else {
                return fail("HeartBeatId must be an unsigned integer, got \(value.jsonText)")
            }
            return .success(SystemEnvelope(request: .heartbeat(id), replyTo: nil))
        case .reset:
            // The document's ResetRequest; an envelope around it is accepted too.
            let body = value["payload"] ?? value
            guard let object = body.objectValue else { return fail("ResetRequest must be an object") }
            var type = ResetType.notSpecified
            if let t = object["type"] {
                guard let text = t.stringValue, let parsed = ResetType(rawValue: text) else {
                    return fail("type must be Soft, Hard or NotSpecified, got \(t.jsonText)")
                }
                type = parsed
            }
            var scheduled = false
            if let s = object["scheduled"] {
                guard let b = s.boolValue else { return fail("scheduled must be a boolean, got \(s.jsonText)") }
                scheduled = b
            }
            return .success(SystemEnvelope(request: .reset(type, scheduled: scheduled), replyTo: nil))
        case .allowFirmwareInstallation:
            return .success(SystemEnvelope(request: .allowFirmwareInstallation, replyTo: nil))
        default:
            break
        }
        guard let envelope = value.objectValue else { return fail("the message must be an object with a payload") }
        if let headers = envelope["headers"] {
            guard let h = headers.objectValue else { return fail("headers must be an object") }
            if let r = h["replyTo"] {
                guard let text = r.stringValue else { return fail("headers.replyTo must be a string") }
                replyTo = text
            }
        }
        if name == .getBootReason { return .success(SystemEnvelope(request: .getBootReason, replyTo: replyTo)) }
        guard let payload = envelope["payload"] else { return fail("payload is required") }
        do {
            let request = try SchemaReader(payload).request(name)
            return .success(SystemEnvelope(request: request, replyTo: replyTo))
        } catch {
            return fail(error.reason)
        }
    }
}

/// A schema violation inside a payload.
struct SchemaViolation: Error {
    var reason: String
}

/// Reads the payload schemas: types, required fields, enums, minimums and `date-time` formats.
struct SchemaReader {
    let value: JSONValue

    init(_ value: JSONValue) { self.value = value }

    func request(_ name: SystemRequestName) throws(SchemaViolation) -> SystemRequest {
        switch name {
        case .updateFirmware: return .updateFirmware(try firmwareRequest())
        case .uploadLogs: return .uploadLogs(try logsRequest())
        case .isResetAllowed:
            guard let text = value.stringValue, let type = ResetType(rawValue: text) else {
                throw SchemaViolation(reason: "ResetType must be Soft, Hard or NotSpecified, got \(value.jsonText)")
            }
            return .isResetAllowed(type)
        case .setSystemTime:
            return .setSystemTime(epochSeconds: try Self.dateTime(value, field: "SystemTime"))
        case .allowFirmwareInstallation, .reset, .getBootReason, .heartbeat:
            throw SchemaViolation(reason: "no payload schema")
        }
    }

    private func firmwareRequest() throws(SchemaViolation) -> FirmwareUpdateRequest {
        let object = try self.object("FirmwareUpdateRequest")
        var request = FirmwareUpdateRequest(
            requestID: try Self.integer(object, "request_id", required: true)!,
            location: try Self.string(object, "location", required: true)!)
        request.retries = try Self.integer(object, "retries", minimum: 1)
        request.retryIntervalSeconds = try Self.integer(object, "retry_interval_s")
        request.retrieveEpochSeconds = try Self.dateTime(object, "retrieve_timestamp")
        request.installEpochSeconds = try Self.dateTime(object, "install_timestamp")
        request.signingCertificate = try Self.string(object, "signing_certificate")
        request.signature = try Self.string(object, "signature")
        return request
    }

    private func logsRequest() throws(SchemaViolation) -> UploadLogsRequest {
        let object = try self.object("UploadLogsRequest")
        var request = UploadLogsRequest(location: try Self.string(object, "location", required: true)!)
        request.requestID = try Self.integer(object, "request_id")
        request.retries = try Self.integer(object, "retries", minimum: 1)
        request.retryIntervalSeconds = try Self.integer(object, "retry_interval_s")
        request.oldestEpochSeconds = try Self.dateTime(object, "oldest_timestamp")
        request.latestEpochSeconds = try Self.dateTime(object, "latest_timestamp")
        request.type = try Self.string(object, "type")
        return request
    }

    private func object(_ schema: String) throws(SchemaViolation) -> JSONObject {
        guard let object = value.objectValue else {
            throw SchemaViolation(reason: "\(schema) must be an object, got \(value.jsonText)")
        }
        return object
    }

    static func string(_ object: JSONObject, _ key: String, required: Bool = false) throws(SchemaViolation) -> String? {
        guard let v = object[key] else {
            if required { throw SchemaViolation(reason: "\(key) is required") }
            return nil
        }
        guard let s = v.stringValue else { throw SchemaViolation(reason: "\(key) must be a string, got \(v.jsonText)") }
        return s
    }

    static func integer(
        _ object: JSONObject, _ key: String, required: Bool = false, minimum: Int? = nil
    ) throws(SchemaViolation) -> Int? {
        guard let v = object[key] else {
            if required { throw SchemaViolation(reason: "\(key) is required") }
            return nil
        }
        guard let n = v.numberValue, n.isIntegerLiteral else {
            throw SchemaViolation(reason: "\(key) must be an integer, got \(v.jsonText)")
        }
        guard let i = n.int64Value, let int = Int(exactly: i), abs(i) < 1 << 53 else {
            throw SchemaViolation(reason: "\(key) is out of range: \(n.text)")
        }
        if let minimum, int < minimum {
            throw SchemaViolation(reason: "\(key) must be at least \(minimum), got \(int)")
        }
        return int
    }

    /// An optional `date-time` member, as seconds since the Unix epoch.
    static func dateTime(_ object: JSONObject, _ key: String) throws(SchemaViolation) -> Int64? {
        guard let v = object[key] else { return nil }
        return try dateTime(v, field: key)
    }

    /// An RFC 3339 `date-time`, as seconds since the Unix epoch.
    static func dateTime(_ v: JSONValue, field: String) throws(SchemaViolation) -> Int64 {
        guard let text = v.stringValue, let time = WallTime(rfc3339: text) else {
            throw SchemaViolation(reason: "\(field) must be an RFC 3339 date-time, got \(v.jsonText)")
        }
        return time.startEpochSeconds
    }
}
