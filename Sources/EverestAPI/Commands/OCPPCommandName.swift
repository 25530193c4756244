/// The OCPP module's command topics on the API namespace, `everest_api/ocpp/cmd/<name>`
/// (everest-core `modules/EVSE/OCPP/OCPP.cpp` and `OCPP201.cpp`, with
/// `EnableExternalWebsocketControl: true`). Any payload; the module ignores it.
public enum OCPPCommandName: String, Hashable, Sendable, CaseIterable {
    /// `connect_websocket()`: the charge point connects to its CSMS, so
    /// `ocpp/var/connection_status` turns `connected`.
    case connect
    /// `disconnect_websocket()`: `ocpp/var/connection_status` turns `disconnected`.
    case disconnect
}
