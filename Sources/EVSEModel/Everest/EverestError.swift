import SimCore

/// One raised error, as the error history reports it in `errors/var/active_errors`
/// (everest-core `API::ready()`, `ErrorHistory`).
public struct EverestError: Hashable, Sendable {
    /// Which module and implementation raised it (the `origin` object).
    public struct Origin: Hashable, Sendable {
        /// The module id from the EVerest config, e.g. `yeti_driver`.
        public var moduleID: String
        /// The implementation id inside that module, e.g. `board_support`.
        public var implementationID: String

        /// Creates an origin.
        public init(moduleID: String, implementationID: String) {
            self.moduleID = moduleID
            self.implementationID = implementationID
        }
    }

    /// The error type.
    public var type: EverestErrorType
    /// The sub-type, often empty.
    public var subType: String
    /// The type's description (for Inoperative: the cause's name, see ``ActiveErrors``).
    public var description: String
    /// The raiser's text, e.g. `Simulated fault event`.
    public var message: String
    /// The severity.
    public var severity: EverestErrorSeverity
    /// The raiser.
    public var origin: Origin
    /// The vendor id (`EVerest` for the derived Inoperative).
    public var vendorID: String
    /// When it was raised.
    public var raisedAt: SimInstant
    /// A UUID string, deterministic in the simulator.
    public var uuid: String

    /// Creates an error.
    public init(
        type: EverestErrorType, subType: String = "", description: String? = nil, message: String,
        severity: EverestErrorSeverity, origin: Origin, vendorID: String = "", raisedAt: SimInstant, uuid: String
    ) {
        self.type = type
        self.subType = subType
        self.description = description ?? type.defaultDescription
        self.message = message
        self.severity = severity
        self.origin = origin
        self.vendorID = vendorID
        self.raisedAt = raisedAt
        self.uuid = uuid
    }
}
