/// Topic names of the legacy API for one EVSE (everest-core `modules/API/API/API.cpp`, `API::init()`).
///
/// `<evse>` is the EvseManager's module id (`evse_manager` in the README and most configs,
/// `connector_1` in the SIL config). `prefix` is EVerest's `mqtt_external_prefix`, prepended
/// to every topic, published or subscribed.
public struct EverestTopics: Hashable, Sendable {
    /// The EVSE's module id.
    public var evseID: String
    /// `mqtt_external_prefix` (default empty).
    public var prefix: String

    /// Creates the topic set for one EVSE.
    public init(evseID: String = "evse_manager", prefix: String = "") {
        self.evseID = evseID
        self.prefix = prefix
    }

    /// The per-EVSE variables.
    public enum Variable: String, Hashable, Sendable, CaseIterable {
        /// The raw RFC 3339 time, every second.
        case datetime
        /// The board capabilities, every second.
        case hardwareCapabilities = "hardware_capabilities"
        /// The session summary, every second and after TransactionFinished.
        case sessionInfo = "session_info"
        /// The raw protocol name (`Unknown`, `IEC61851-1`), every second.
        case selectedProtocol = "selected_protocol"
        /// The applied limit.
        case limits
        /// Board telemetry.
        case telemetry
        /// Billing meter readings.
        case powermeter
    }

    /// `everest_api/connectors`: the array of EVSE ids (shared by all EVSEs).
    public var connectors: String { prefix + "everest_api/connectors" }
    /// `everest_api/ocpp/var/connection_status` (shared).
    public var ocppConnectionStatus: String { prefix + "everest_api/ocpp/var/connection_status" }
    /// `everest_api/ocpp/var/charging_schedules` (shared).
    public var ocppChargingSchedules: String { prefix + "everest_api/ocpp/var/charging_schedules" }
    /// `everest_api/errors/var/active_errors` (shared).
    public var activeErrors: String { prefix + "everest_api/errors/var/active_errors" }

    /// `everest_api/ocpp/cmd/<name>` (shared).
    public func ocppCommand(_ name: OCPPCommandName) -> String { prefix + "everest_api/ocpp/cmd/" + name.rawValue }

    /// The OCPP command a topic addresses, if it is one.
    public func ocppCommandName(forTopic topic: String) -> OCPPCommandName? {
        let base = prefix + "everest_api/ocpp/cmd/"
        guard topic.hasPrefix(base) else { return nil }
        return OCPPCommandName(rawValue: String(topic.dropFirst(base.count)))
    }

    /// `everest_api/<evse>/var/<name>`.
    public func variable(_ variable: Variable) -> String {
        "\(prefix)everest_api/\(evseID)/var/\(variable.rawValue)"
    }

    /// `everest_api/<evse>/cmd/<name>`.
    public func command(_ name: EverestCommandName) -> String {
        "\(prefix)everest_api/\(evseID)/cmd/\(name.rawValue)"
    }

    /// Every command topic of this EVSE, for subscribing.
    public var commandTopics: [String] { EverestCommandName.allCases.map(command) }

    /// `everest_api/+/cmd/+`: every EVSE's commands (the shared `everest_api/ocpp/cmd/<name>`
    /// too), for a fleet that subscribes once and routes by ``evseID(inCommandTopic:)``.
    public var everyCommandFilter: String { prefix + "everest_api/+/cmd/+" }

    /// The EVSE id in a topic of the form `<prefix>everest_api/<evse>/cmd/<name>` (the name is
    /// not checked), so a fleet routes a command by its EVSE instead of keeping every topic.
    public func evseID(inCommandTopic topic: String) -> Substring? {
        let head = prefix + "everest_api/"
        guard topic.hasPrefix(head) else { return nil }
        let rest = topic.dropFirst(head.count)
        guard let slash = rest.firstIndex(of: "/"), rest[slash...].hasPrefix("/cmd/") else { return nil }
        return rest[..<slash]
    }

    /// The command a topic addresses, if it is one of this EVSE's command topics.
    public func commandName(forTopic topic: String) -> EverestCommandName? {
        let base = "\(prefix)everest_api/\(evseID)/cmd/"
        guard topic.hasPrefix(base) else { return nil }
        return EverestCommandName(rawValue: String(topic.dropFirst(base.count)))
    }
}
