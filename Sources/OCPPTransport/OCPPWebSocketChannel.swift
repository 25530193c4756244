import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL
import NIOWebSocket
import WSClient
@_spi(WSInternal) import WSCore

#if canImport(Glibc)
    import Glibc
#endif

/// One OCPP-J WebSocket connection as swift-websocket's client makes it (NIOWebSocket's
/// upgrader, swift-websocket's frame handling), with two things its `WebSocketClient` cannot
/// do: the handshake answer is checked for the `ocpp1.6` subprotocol (OCPP-J 1.6 §3.1.2: a
/// server that selects none is not an OCPP 1.6 CSMS), and an IP address in a `wss://` URL is
/// checked against the certificate's IP entries instead of being sent as SNI (which TLS forbids
/// and NIOSSL refuses).
struct OCPPWebSocketChannel: ClientConnectionChannel {
    /// The handler's view of the connection.
    struct Context: WebSocketContext {
        let logger: Logger
    }

    enum Upgrade: Sendable {
        case websocket(NIOAsyncChannel<WebSocketFrame, WebSocketFrame>, subprotocol: String?)
        case notUpgraded
    }

    typealias Value = EventLoopFuture<Upgrade>

    /// Where to connect: parsed from a `ws://` or `wss://` URL.
    struct Target {
        var secure: Bool
        var host: String
        var port: Int
        var path: String

        init(url: String) throws(OCPPConnectionError) {
            guard let parts = URLComponents(string: url), let scheme = parts.scheme, scheme == "ws" || scheme == "wss",
                let host = parts.host, !host.isEmpty
            else { throw OCPPConnectionError("\"\(url)\" is not a ws:// or wss:// URL with a host") }
            secure = scheme == "wss"
            self.host = host
            port = parts.port ?? (secure ? 443 : 80)
            path =
                (parts.percentEncodedPath.isEmpty ? "/" : parts.percentEncodedPath)
                + (parts.percentEncodedQuery.map { "?\($0)" } ?? "")
        }

        /// The SNI name: none for an IP address (the certificate is checked against the peer's address).
        var serverHostname: String? {
            var v4 = in_addr()
            var v6 = in6_addr()
            let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
            return inet_pton(AF_INET, bare, &v4) == 1 || inet_pton(AF_INET6, bare, &v6) == 1 ? nil : host
        }
    }

    static let subprotocol = "ocpp1.6"

    let target: Target
    let headers: HTTPHeaders
    let sslContext: NIOSSLContext?
    let autoPing: AutoPingSetup
    let maxFrameSize: Int
    let handler: WebSocketDataHandler<Context>

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            let upgrader = NIOTypedWebSocketClientUpgrader<Upgrade>(
                maxFrameSize: maxFrameSize,
                upgradePipelineHandler: { channel, head in
                    channel.eventLoop.makeCompletedFuture {
                        let chosen = head.headers[canonicalForm: "Sec-WebSocket-Protocol"].first.map(String.init)
                        return .websocket(
                            try NIOAsyncChannel(wrappingChannelSynchronously: channel), subprotocol: chosen)
                    }
                })
            var headers = self.headers
            headers.replaceOrAdd(name: "Host", value: "\(target.host):\(target.port)")
            headers.replaceOrAdd(name: "Sec-WebSocket-Protocol", value: Self.subprotocol)
            let request = HTTPRequestHead(version: .http1_1, method: .GET, uri: target.path, headers: headers)
            var configuration = NIOUpgradableHTTPClientPipelineConfiguration(
                upgradeConfiguration: NIOTypedHTTPClientUpgradeConfiguration(
                    upgradeRequestHead: request, upgraders: [upgrader],
                    notUpgradingCompletionHandler: { channel in
                        channel.eventLoop.makeCompletedFuture { Upgrade.notUpgraded }
                    }))
            configuration.leftOverBytesStrategy = .forwardBytes
            if let sslContext {
                let tls = try NIOSSLClientHandler(context: sslContext, serverHostname: target.serverHostname)
                try channel.pipeline.syncOperations.addHandler(tls, position: .first)
            }
            return try channel.pipeline.syncOperations.configureUpgradableHTTPClientPipeline(
                configuration: configuration)
        }
    }

    func handle(value: Value, logger: Logger) async throws -> WebSocketCloseFrame? {
        switch try await value.get() {
        case .websocket(let channel, let chosen):
            guard chosen?.trimmingCharacters(in: .whitespaces) == Self.subprotocol else {
                try? await channel.executeThenClose { _, _ in }
                throw OCPPConnectionError(
                    "the CSMS accepted the WebSocket but not the subprotocol ocpp1.6 (it answered "
                        + (chosen.map { "Sec-WebSocket-Protocol: \($0)" } ?? "no Sec-WebSocket-Protocol")
                        + "); is the URL an OCPP 1.6 endpoint?")
            }
            return try await WebSocketHandler.handle(
                type: .client,
                configuration: .init(
                    extensions: [], autoPing: autoPing, validateUTF8: true, maxFrameSize: maxFrameSize),
                asyncChannel: channel, context: Context(logger: logger), handler: handler)
        case .notUpgraded:
            throw OCPPConnectionError(
                "the CSMS did not upgrade the connection to a WebSocket (wrong path, or credentials refused?)")
        }
    }
}
