/// Who asked EvseManager to enable or disable an EVSE (EVerest `Enable_source`).
///
/// The raw values are the exact, case-sensitive strings EVerest uses on the wire
/// (reference/everest.md §1.6, §3).
public enum EnableDisableSource: String, Hashable, Sendable, CaseIterable, Codable {
    /// No particular source; also the start-up row.
    case unspecified = "Unspecified"
    /// The local API (the legacy API module, Node-RED, RpcApi).
    case localAPI = "LocalAPI"
    /// A key switch on the station.
    case localKeyLock = "LocalKeyLock"
    /// A technician on site.
    case serviceTechnician = "ServiceTechnician"
    /// A remotely operated lock.
    case remoteKeyLock = "RemoteKeyLock"
    /// The operator's or user's app.
    case mobileApp = "MobileApp"
    /// A firmware update in progress.
    case firmwareUpdate = "FirmwareUpdate"
    /// The OCPP back end (priority 5000 in EVerest).
    case csms = "CSMS"
}

/// What one source asks for (EVerest `Enable_state`).
///
/// `unassigned` means "this source does not care"; such rows are ignored by the evaluation.
public enum EnableState: String, Hashable, Sendable, CaseIterable, Codable {
    /// The source wants the EVSE available.
    case enable = "Enable"
    /// The source wants the EVSE unavailable.
    case disable = "Disable"
    /// The source does not care; the row is ignored.
    case unassigned = "Unassigned"
}

/// One row of the enable/disable table (EVerest `EnableDisableSource`): a source, its wish and
/// the priority of that wish (0 is the highest, 10000 the lowest).
public struct EnableDisableRow: Hashable, Sendable, Codable {
    /// Who asked.
    public var source: EnableDisableSource
    /// What it asked for.
    public var state: EnableState
    /// Lower numbers win. EvseManager does no range check, so any `Int32` can arrive.
    public var priority: Int

    /// Creates a row.
    public init(source: EnableDisableSource, state: EnableState, priority: Int) {
        self.source = source
        self.state = state
        self.priority = priority
    }

    /// The priority of the start-up row and of the "nobody decided" winner.
    public static let lowestPriority = 10_000

    /// What the evaluation reports when no row is assigned: Unspecified, Unassigned, 10000.
    public static let nobody = EnableDisableRow(source: .unspecified, state: .unassigned, priority: lowestPriority)
}

extension EnableDisableRow: CustomStringConvertible {
    /// `LocalAPI/Disable/100`.
    public var description: String { "\(source.rawValue)/\(state.rawValue)/\(priority)" }
}
