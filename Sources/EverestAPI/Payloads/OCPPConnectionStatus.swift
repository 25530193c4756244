/// The OCPP connection status the API publishes raw (`everest_api/ocpp/var/connection_status`).
public enum OCPPConnectionStatus: String, Hashable, Sendable, CaseIterable, Codable {
    /// No OCPP module, or it has not reported yet.
    case unknown
    /// The OCPP module is connected to its CSMS.
    case connected
    /// The OCPP module lost its CSMS.
    case disconnected
}
