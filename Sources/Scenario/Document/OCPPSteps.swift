public import JSON
public import SimCore

/// How the scripted CSMS of a fast run answers one action of the charge point.
public enum CSMSRule: Hashable, Sendable {
    /// The default answer with these members replaced (e.g. `{"status": "Pending"}`).
    case reply(JSONObject)
    /// A CALLERROR with this code.
    case error(String)
    /// No answer at all: the charge point's call times out.
    case ignore
    /// Back to the default answer.
    case standard
}

/// The scenario's `ocpp` section: the charge point's identity and keys and the scripted CSMS.
public struct OCPPSettings: Hashable, Sendable {
    /// `chargePointId` (default: the station profile's id).
    public var chargePointID: String?
    /// `idTag`: the token the station presents when it authorises by itself.
    public var idTag: String?
    /// `configuration`: configuration keys set before boot.
    public var configuration: [String: String] = [:]
    /// `csms`: answers by action.
    public var csms: [String: CSMSRule] = [:]
    /// `connected`: whether the CSMS is reachable at the start (default true).
    public var connected = true

    /// Default settings.
    public init() {}
}

/// `{"ocpp": {…}}`: the scenario plays the CSMS.
public enum OCPPStep: Hashable, Sendable {
    /// `{"call": action, "payload": {…}, "reply": {…} | "error": code}`: a CSMS call; the
    /// charge point's answer is checked against `check` when given.
    case call(action: String, payload: JSONObject, check: JSONSubsetPattern?)
    /// `{"raw": "…" | […]}`: any frame, as text (to send malformed ones), answer checked the same way.
    case raw(bytes: [UInt8], check: JSONSubsetPattern?)
    /// `{"csms": action, "reply": {…} | "error": code | "ignore": true | "default": true}`.
    case csms(action: String, rule: CSMSRule)
    /// `{"connection": "down" | "up"}`: the CSMS becomes unreachable or reachable.
    case connection(up: Bool)
    /// `{"present": idTag}`: a card is presented at the station (Authorize, then the session).
    case present(idTag: String)
}

/// `{"expect": {"ocpp": {"action": "StartTransaction", "payload": {…}, "within": "5s"}}}`: the
/// charge point must send this call. Calls already sent count first: those sent since the last
/// step other than an OCPP expectation began and not matched by an earlier expectation, so a
/// run of expectations matches the calls in the order they were sent.
public struct OCPPExpectation: Hashable, Sendable {
    /// The action.
    public var action: String
    /// What the payload must contain.
    public var payload: JSONSubsetPattern?
    /// How long to wait for it.
    public var within: SimDuration?

    /// Creates an expectation.
    public init(action: String, payload: JSONSubsetPattern? = nil, within: SimDuration? = nil) {
        self.action = action
        self.payload = payload
        self.within = within
    }
}

/// The OCPP 1.6 action names, by direction.
public enum OCPPActions {
    /// Calls the charge point sends.
    public static let chargePoint = [
        "Authorize", "BootNotification", "DataTransfer", "DiagnosticsStatusNotification", "FirmwareStatusNotification",
        "Heartbeat", "MeterValues", "StartTransaction", "StatusNotification", "StopTransaction",
    ]
    /// Calls the CSMS sends.
    public static let csms = [
        "CancelReservation", "ChangeAvailability", "ChangeConfiguration", "ClearCache", "ClearChargingProfile",
        "DataTransfer", "GetCompositeSchedule", "GetConfiguration", "GetDiagnostics", "GetLocalListVersion",
        "RemoteStartTransaction", "RemoteStopTransaction", "ReserveNow", "Reset", "SendLocalList",
        "SetChargingProfile", "TriggerMessage", "UnlockConnector", "UpdateFirmware",
    ]
    /// The CALLERROR codes.
    public static let errorCodes = [
        "NotImplemented", "NotSupported", "InternalError", "ProtocolError", "SecurityError", "FormationViolation",
        "PropertyConstraintViolation", "OccurenceConstraintViolation", "TypeConstraintViolation", "GenericError",
    ]
}
