/// The OCPP connection state the station reports (`everest_api/ocpp/var/connection_status`).
public enum OCPPStatus: String, Hashable, Sendable, CaseIterable {
    /// Not known.
    case unknown
    /// Connected to the CSMS.
    case connected
    /// Not connected.
    case disconnected
}
