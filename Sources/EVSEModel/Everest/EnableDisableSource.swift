/// Who asked EvseManager to enable or disable an EVSE (EVerest `Enable_source`).
///
/// The raw values are the exact, case-sensitive strings EVerest uses on the wire
/// (everest-core `types/evse_manager.yaml`).
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
