/// How one EVerest face appears on the broker.
///
/// Several stations in one process share one broker, as several EvseManagers share one API
/// module in EVerest. Each face publishes its own `everest_api/<evse>/var/...` topics; the
/// topics that exist once per API module — `everest_api/connectors`,
/// `everest_api/ocpp/var/connection_status` and `everest_api/errors/var/active_errors` — are
/// published by exactly one face, the one with ``publishesSharedTopics`` set (the default, so
/// a single station needs no configuration). In a fleet, the driver clears the flag on all
/// faces but one and hands that one the fleet's errors
/// (``EverestFace/tick(station:fleetErrors:)``).
public struct EverestFaceConfiguration: Hashable, Sendable {
    /// Which payload shapes to publish.
    public var flavor: EverestAPIFlavor
    /// The EVSE id in topics; nil takes the station profile's `everest.evseId`.
    public var evseID: String?
    /// EVerest's `mqtt_external_prefix`, prepended to every topic (default empty).
    public var topicPrefix: String
    /// The EVSE ids `everest_api/connectors` lists, in configuration order; nil lists only
    /// this face's EVSE.
    public var connectorIDs: [String]?
    /// Whether this face publishes the API module's shared topics (see the type's description).
    public var publishesSharedTopics: Bool
    /// Whether every publication is traced. Off (the default), the trace holds only received
    /// commands, rejections and `session_info` publications whose content changed — ten
    /// topics every second would otherwise swamp it.
    public var traceTelemetry: Bool
    /// Decimal settings of the rapidyaml payloads (``EverestAPIFlavor/everest`` only).
    public var decimalPlaces: EverestDecimalPlaces

    /// Creates a configuration.
    public init(
        flavor: EverestAPIFlavor = .everest, evseID: String? = nil, topicPrefix: String = "",
        connectorIDs: [String]? = nil, publishesSharedTopics: Bool = true, traceTelemetry: Bool = false,
        decimalPlaces: EverestDecimalPlaces = EverestDecimalPlaces()
    ) {
        self.flavor = flavor
        self.evseID = evseID
        self.topicPrefix = topicPrefix
        self.connectorIDs = connectorIDs
        self.publishesSharedTopics = publishesSharedTopics
        self.traceTelemetry = traceTelemetry
        self.decimalPlaces = decimalPlaces
    }
}
