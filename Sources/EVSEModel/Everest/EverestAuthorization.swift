/// How a session on the EVerest side gets its authorization (profile `everest.authorization`).
public enum EverestAuthorization: String, Hashable, Sendable, CaseIterable {
    /// A token is accepted the moment the EV plugs in, as in EVerest's SIL configurations with
    /// a token provider that answers every AuthRequired (everest-core `DummyTokenProvider`).
    /// A reserved EVSE still waits for ``required``'s `authorize`: the automatic token is not
    /// the one the reservation is for.
    case auto
    /// Every session waits in AuthRequired for a scenario's `authorize` action (a card swipe,
    /// a remote start) and times out after the profile's `connectionTimeout` (the Auth
    /// module's `connection_timeout`) with Deauthorized and PluginTimeout; then only a replug
    /// starts a new session.
    case required
}
