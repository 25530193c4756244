/// How the charge points reach the CSMS: OCPP-J 1.6 over WebSocket at `<url>/<chargePointId>`,
/// subprotocol `ocpp1.6`, with the security profile the options give (0: none, 1: HTTP Basic
/// auth with the AuthorizationKey, 2: Basic auth over TLS checked against a CA file).
public struct OCPPLinkSettings: Sendable {
    /// The CSMS URL without the charge point id (`ws://host:port/ocpp`, `wss://…`).
    public var url: String
    /// The password for HTTP Basic auth (the AuthorizationKey); nil: security profile 0.
    public var password: String?
    /// A PEM file of CA certificates that `wss://` servers are checked against; nil: the system's.
    public var caFile: String?
    /// The WebSocket ping interval (`WebSocketPingInterval`); zero: no pings.
    public var pingInterval: Duration
    /// The first wait before reconnecting; it doubles up to ``maximumBackoff``.
    public var initialBackoff: Duration
    /// The longest wait between attempts.
    public var maximumBackoff: Duration

    /// Creates settings.
    public init(
        url: String, password: String? = nil, caFile: String? = nil, pingInterval: Duration = .seconds(30),
        initialBackoff: Duration = .seconds(1), maximumBackoff: Duration = .seconds(30)
    ) {
        self.url = url
        self.password = password
        self.caFile = caFile
        self.pingInterval = pingInterval
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
    }

    /// The URL of one charge point: the base with `/<id>` appended.
    public func url(for chargePointID: String) -> String {
        (url.hasSuffix("/") ? url : url + "/") + chargePointID
    }

    /// Why the URL cannot be used, or nil.
    public var problem: String? {
        guard url.hasPrefix("ws://") || url.hasPrefix("wss://") else {
            return "the CSMS URL must start with ws:// or wss://, found \"\(url)\""
        }
        if caFile != nil, !url.hasPrefix("wss://") { return "a CA file needs a wss:// URL" }
        return nil
    }
}
