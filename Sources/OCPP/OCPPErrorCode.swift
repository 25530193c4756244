/// The CALLERROR codes of OCPP-J 1.6 §4.2.3.
public enum OCPPErrorCode: String, Hashable, Sendable, CaseIterable {
    /// The action is not known to the receiver.
    case notImplemented = "NotImplemented"
    /// The action is known but not supported.
    case notSupported = "NotSupported"
    /// The receiver failed to process the action.
    case internalError = "InternalError"
    /// The payload is incomplete.
    case protocolError = "ProtocolError"
    /// A security issue prevented the action.
    case securityError = "SecurityError"
    /// The payload is syntactically incorrect or does not conform to the schema.
    case formationViolation = "FormationViolation"
    /// A field's value is out of range or otherwise not allowed.
    case propertyConstraintViolation = "PropertyConstraintViolation"
    /// A field occurs too often.
    case occurenceConstraintViolation = "OccurenceConstraintViolation"
    /// A field has the wrong type.
    case typeConstraintViolation = "TypeConstraintViolation"
    /// Any other error.
    case genericError = "GenericError"
}
