import Foundation
public import Logging
import NIOCore
import NIOHTTP1
import NIOSSL
import Synchronization
public import Transport
import WSClient

/// One charge point's WebSocket connection to the CSMS (swift-websocket's `WebSocketClient` on
/// NIO's threads): received frames and connection changes go to the live loop through its
/// ``LoopMailbox``; ``send(_:)`` is called on the loop's thread and hands the frame to the
/// connection's writer. It reconnects with a doubling back-off until ``stop()``.
public final class OCPPLink: Sendable {
    /// The station's position in the fleet.
    public let position: Int
    /// The charge point id (the URL's last segment).
    public let chargePointID: String
    private let settings: OCPPLinkSettings
    private let mailbox: LoopMailbox<OCPPLinkEvent>
    private let logger: Logger
    /// The writer of the open connection, if any.
    private let writer = Mutex<AsyncStream<String>.Continuation?>(nil)
    private let task = Mutex<Task<Void, Never>?>(nil)

    /// A connection for one charge point; nothing happens until ``start()``.
    public init(
        position: Int, chargePointID: String, settings: OCPPLinkSettings, mailbox: LoopMailbox<OCPPLinkEvent>,
        logger: Logger
    ) {
        self.position = position
        self.chargePointID = chargePointID
        self.settings = settings
        self.mailbox = mailbox
        self.logger = logger
    }

    /// Starts connecting (and reconnecting after every loss); after ``close()``, connects again.
    public func start() {
        task.withLock {
            guard $0 == nil else { return }
            $0 = Task { [self] in await runForever() }
        }
    }

    /// Closes the connection and stops reconnecting.
    public func stop() { close() }

    /// Closes the connection (the WebSocket's closing handshake) and stops reconnecting until
    /// ``start()``: the station lost power. The closed connection reports nothing more; the
    /// OCPP face already knows.
    public func close() {
        task.withLock {
            $0?.cancel()
            $0 = nil
        }
        writer.withLock {
            $0?.finish()
            $0 = nil
        }
    }

    /// Sends one frame if the connection is open; otherwise it is dropped (the OCPP face keeps
    /// transaction messages until it hears of the reconnection).
    public func send(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        writer.withLock { _ = $0?.yield(text) }
    }

    private func runForever() async {
        var backoff = settings.initialBackoff
        while !Task.isCancelled {
            let reason: String
            do {
                let opened = try await runOnce()
                reason = opened.map { "closed (\($0))" } ?? "closed"
                backoff = settings.initialBackoff
            } catch {
                reason = Self.explain(error, settings: settings)
            }
            // Closed on purpose (power cut, shutdown): a newer connection may own the writer.
            if Task.isCancelled { return }
            writer.withLock {
                $0?.finish()
                $0 = nil
            }
            mailbox.post(OCPPLinkEvent(position: position, kind: .disconnected(reason: reason)))
            logger.info(
                "ocpp connection lost",
                metadata: ["chargePoint": "\(chargePointID)", "reason": "\(reason)", "retryIn": "\(backoff)"])
            try? await Task.sleep(for: backoff)
            backoff = min(backoff * 2, settings.maximumBackoff)
        }
    }

    /// Why a connection failed, in words that name what to fix: TLS failures say which option
    /// decides whom the station trusts (NIOSSL's own text follows).
    static func explain(_ error: any Error, settings: OCPPLinkSettings) -> String {
        let trust =
            settings.caFile.map { "the CA in --ocpp-ca-file \($0)" }
            ?? "the system's CAs (--ocpp-ca-file names a private CA)"
        switch error {
        case NIOSSLError.handshakeFailed(let cause) where "\(cause)".contains("CERTIFICATE_VERIFY_FAILED"):
            return "TLS handshake failed: the CSMS's certificate is not signed by \(trust) (\(cause))"
        case NIOSSLError.handshakeFailed(let cause):
            return "TLS handshake failed (\(cause))"
        case let error as NIOSSLExtraError where error == .failedToValidateHostname:
            return "TLS handshake failed: the CSMS's certificate does not name the URL's host (\(error))"
        case let error as NIOSSLError:
            return "TLS failed (\(error)); check --ocpp-ca-file and the wss:// URL"
        default:
            return "\(error)"
        }
    }

    /// One connection, from opening to closing; returns the close code, if any.
    private func runOnce() async throws -> String? {
        let target = try OCPPWebSocketChannel.Target(url: settings.url(for: chargePointID))
        var headers = HTTPHeaders()
        if let password = settings.password {
            let credentials = Data("\(chargePointID):\(password)".utf8).base64EncodedString()
            headers.add(name: "Authorization", value: "Basic \(credentials)")
        }
        var context: NIOSSLContext?
        if target.secure {
            var tls = TLSConfiguration.makeClientConfiguration()
            if let caFile = settings.caFile { tls.trustRoots = .file(caFile) }
            context = try NIOSSLContext(configuration: tls)
        }
        let channel = OCPPWebSocketChannel(
            target: target, headers: headers, sslContext: context,
            autoPing: settings.pingInterval > .zero ? .enabled(timePeriod: settings.pingInterval) : .disabled,
            maxFrameSize: 1 << 20
        ) { [self] inbound, outbound, _ in
            // Opened just as it was closed on purpose: a newer connection may own the writer.
            if Task.isCancelled { return }
            let (stream, continuation) = AsyncStream<String>.makeStream()
            writer.withLock { $0 = continuation }
            mailbox.post(OCPPLinkEvent(position: position, kind: .connected))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for try await message in inbound.messages(maxSize: 1 << 20) {
                        // Closed on purpose: what still arrives is for a charge point without power.
                        if Task.isCancelled { break }
                        if case .text(let text) = message {
                            self.mailbox.post(OCPPLinkEvent(position: self.position, kind: .frame(Array(text.utf8))))
                        }
                    }
                }
                group.addTask {
                    for await text in stream { try await outbound.write(.text(text)) }
                }
                try await group.next()
                group.cancelAll()
            }
        }
        let close = try await ClientConnection(
            channel, address: .hostname(target.host, port: target.port), logger: logger
        ).run()
        return close.map { "\($0.closeCode)" }
    }
}
