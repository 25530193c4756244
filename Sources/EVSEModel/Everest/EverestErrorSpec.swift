/// Which error to raise: a type, a sub-type and a severity.
public struct EverestErrorSpec: Hashable, Sendable {
    /// The error type.
    public var type: EverestErrorType
    /// The sub-type ("" for none).
    public var subType: String
    /// The severity.
    public var severity: EverestErrorSeverity

    /// Creates a spec.
    public init(type: EverestErrorType, subType: String = "", severity: EverestErrorSeverity = .high) {
        self.type = type
        self.subType = subType
        self.severity = severity
    }
}
