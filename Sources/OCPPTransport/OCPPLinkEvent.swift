/// What a connection tells the live loop, for the station at `position`.
public struct OCPPLinkEvent: Sendable {
    /// What happened.
    public enum Kind: Sendable {
        /// The WebSocket is open.
        case connected
        /// The WebSocket closed or could not be opened; a reconnection follows.
        case disconnected(reason: String)
        /// A text message (one OCPP-J frame).
        case frame([UInt8])
    }

    /// The station's position in the fleet.
    public var position: Int
    /// What happened.
    public var kind: Kind
}
