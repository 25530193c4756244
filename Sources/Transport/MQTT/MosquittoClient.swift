import CMosquitto
import Glibc
public import Logging
public import Wire

/// An MQTT client over libmosquitto, driven by the caller's loop (`mosquitto_loop_read()`/`_write()`/`_misc()`).
///
/// No thread is started: the caller polls ``socket`` (see the ``LiveSource`` conformance) and
/// calls ``loopRead(now:)``, ``loopWrite(now:)`` and ``tick(now:)``; callbacks run inside those
/// calls, on the caller's thread, and messages reach ``onMessage`` there too. Connecting never
/// blocks the loop on a broker that is away: the first connection is retried like any other
/// (libmosquitto itself never retries a failed first connect), with exponential back-off.
/// Publications made while disconnected wait in a bounded queue and go out in order, after
/// the subscriptions have been re-made, once the broker accepts the connection again.
///
/// Not `Sendable`: confine it to one thread (the live loop's).
public final class MosquittoClient {
    /// Where the connection stands.
    public enum State: Hashable, Sendable, CustomStringConvertible {
        /// Not started, or disconnected on request.
        case idle
        /// The last attempt failed or the connection was lost; the next attempt is due then.
        case waitingToRetry(until: ContinuousClock.Instant)
        /// CONNECT sent, waiting for the broker's CONNACK.
        case connecting
        /// The broker accepted the connection.
        case connected
        /// The broker refused the connection for good (bad credentials, not authorised, client
        /// id rejected): no further attempt is made. ``lastError`` says why.
        case refused

        /// The state's name, for logs.
        public var description: String {
            switch self {
            case .idle: "idle"
            case .waitingToRetry: "waiting to retry"
            case .connecting: "connecting"
            case .connected: "connected"
            case .refused: "refused"
            }
        }
    }

    /// Counters for reports.
    public struct Statistics: Hashable, Sendable {
        /// Connection attempts made (successful or not).
        public var connectAttempts = 0
        /// Connections the broker accepted.
        public var connections = 0
        /// Accepted connections that were lost later.
        public var connectionLosses = 0
        /// Publications handed to libmosquitto.
        public var published = 0
        /// Publications libmosquitto refused for good (e.g. payload too large).
        public var rejected = 0
        /// Publications dropped, oldest first, because the queue was full: the broker was away
        /// or read more slowly than the stations published.
        public var dropped = 0
    }

    /// How often libmosquitto's housekeeping (`mosquitto_loop_misc`: keep-alive) runs.
    public static let miscInterval: Duration = .seconds(1)

    /// The connection settings.
    public let options: MQTTOptions
    /// How long to wait for CONNACK before giving the attempt up.
    public let connectTimeout: Duration
    /// Receives every message, on the caller's thread, after the library call that read it.
    public var onMessage: ((MQTTMessage) -> Void)?
    /// Where the connection stands.
    public internal(set) var state: State = .idle
    /// Counters for reports.
    public internal(set) var statistics = Statistics()
    /// The most recent connection failure, for reports.
    public internal(set) var lastError: MQTTError?

    /// Whether the broker accepted the connection (state ``State/connected``); a pattern match,
    /// cheaper than the derived `==` on every publication.
    public var isConnected: Bool {
        if case .connected = state { true } else { false }
    }

    /// Why the broker refused the connection for good, once it has (state ``State/refused``).
    public var refusal: MQTTError? { state == .refused ? lastError : nil }

    let handle: OpaquePointer
    let sinkReference: Unmanaged<MosquittoCallbackSink>
    let logger: Logger
    var backoff: ReconnectBackoff
    var queue: PublicationQueue<MQTTMessage>
    /// What to subscribe to at every connection: sources of filters, made again each time
    /// instead of kept (see ``subscribe(qos:each:)``).
    var subscriptionSources: [(filters: () -> [String], qos: Int32)] = []
    var unacknowledgedSubscriptions: Set<Int32> = []
    var connectDeadline: ContinuousClock.Instant?
    var nextMisc: ContinuousClock.Instant?
    var failuresInARow = 0
    var isProcessingEvents = false
    /// Whether the queue is dropping publications (logged once until it drains to half).
    var isDropping = false
    /// QoS 0 publications encoded by the client itself on a plain TCP connection, written many
    /// at a time (nil: every publication goes through `mosquitto_publish`); see ``PublishBuffer``.
    var direct: PublishBuffer?
    /// Whether ``batchingPublications(_:)`` is running: direct publications are written when
    /// it ends (or a buffer's worth fills) instead of one by one.
    var isBatching = false
    /// Subscriptions made while direct bytes were still unwritten; sent once they are.
    var deferredSubscriptions: [(filters: () -> [String], qos: Int32)] = []

    /// Direct publications are written once this many bytes wait (a loopback segment's worth).
    static let directWriteSize = 64 * 1024
    /// Direct publications wait in the queue instead once this many bytes are unwritten.
    static let directLimit = 4 * 1024 * 1024

    /// A queue capacity for a publisher of `perSecond` publications a second: its whole burst
    /// of a second and half of the next, and at least 1,024.
    public static func queueCapacity(publishingPerSecond perSecond: Int) -> Int { max(1024, perSecond * 3 / 2) }

    /// `mosquitto_lib_init` exactly once per process: a static `let` is initialised lazily and
    /// thread-safely (`mosquitto_lib_init()` itself is not thread safe).
    private static let libraryInitResult: Int32 = mosquitto_lib_init()

    /// Creates a client; nothing connects until ``start(now:)``.
    /// - Parameters:
    ///   - options: Broker, credentials, TLS, keep-alive and topic prefix.
    ///   - queueCapacity: Publications kept while disconnected or while libmosquitto still holds
    ///     unwritten ones; the oldest go first when full.
    ///   - backoff: Delays between connection attempts.
    ///   - connectTimeout: How long to wait for CONNACK.
    ///   - writesQoS0Itself: Whether QoS 0 publications on a plain TCP connection are encoded
    ///     and written by the client, many per `write()` (see ``PublishBuffer``), rather than
    ///     one by one by `mosquitto_publish`.
    ///   - logger: Connection changes and dropped publications are logged here.
    ///   - onMessage: Receives incoming messages (can also be set later).
    /// - Throws: ``MQTTError`` when the options are unusable or libmosquitto cannot set up.
    public init(
        options: MQTTOptions,
        queueCapacity: Int = 1024,
        backoff: ReconnectBackoff = ReconnectBackoff(),
        connectTimeout: Duration = .seconds(10),
        writesQoS0Itself: Bool = true,
        logger: Logger,
        onMessage: ((MQTTMessage) -> Void)? = nil
    ) throws(MQTTError) {
        do {
            try options.validate()
        } catch {
            throw MQTTError(operation: "configure", code: MOSQ_ERR_INVAL.rawValue, errno: nil, text: error.reason)
        }
        guard Self.libraryInitResult == MOSQ_ERR_SUCCESS.rawValue else {
            throw MQTTError(operation: "mosquitto_lib_init", code: Self.libraryInitResult)
        }
        let sink = Unmanaged.passRetained(MosquittoCallbackSink(logger: logger))
        guard let handle = mosquitto_new(options.clientID, true, sink.toOpaque()) else {
            sink.release()
            throw MQTTError(operation: "mosquitto_new", code: MOSQ_ERR_ERRNO.rawValue)
        }
        self.handle = handle
        self.sinkReference = sink
        self.options = options
        self.connectTimeout = connectTimeout
        self.logger = logger
        self.backoff = backoff
        self.queue = PublicationQueue(capacity: queueCapacity)
        self.direct = writesQoS0Itself && !options.useTLS ? PublishBuffer() : nil
        self.onMessage = onMessage
        // libmosquitto formats a log line for every packet once a log callback is set (a
        // vsnprintf per publication, measured at about 3 % of a fleet's CPU), so the callback is
        // set only when someone reads it: trace logging, or TLS, whose errors come as log lines.
        MosquittoCallbackSink.install(on: handle, logging: options.useTLS || logger.logLevel <= .trace)
        // A simulator publishes bursts of small messages (nine a station every second). With
        // Nagle's algorithm on, all but the first wait for the broker's delayed ACK (about 40 ms
        // on Linux loopback, measured). libmosquitto applies the option to every socket it opens,
        // reconnects included.
        _ = mosquitto_int_option(handle, MOSQ_OPT_TCP_NODELAY, 1)
        if let username = options.username {
            try check(mosquitto_username_pw_set(handle, username, options.password), "mosquitto_username_pw_set")
        }
        if options.useTLS {
            // libmosquitto answers an unreadable CA file with a bare "Invalid arguments provided".
            if let caFile = options.caFile, access(caFile, R_OK) != 0 {
                let code = currentErrno()
                throw MQTTError(
                    operation: "TLS setup", code: MOSQ_ERR_INVAL.rawValue, errno: code,
                    text: "cannot read the CA file '\(caFile)' (cafile=): \(errnoText(code))")
            }
            let caPath: String? = options.caFile == nil ? "/etc/ssl/certs" : nil
            try check(mosquitto_tls_set(handle, options.caFile, caPath, nil, nil, nil), "mosquitto_tls_set")
        }
    }

    deinit {
        mosquitto_destroy(handle)
        sinkReference.release()
    }

    /// The connected socket, or nil while there is none.
    public var socket: Int32? {
        let fd = mosquitto_socket(handle)
        return fd >= 0 ? fd : nil
    }

    /// Whether the client or libmosquitto has bytes waiting to be written, or publications wait
    /// in the queue of a connected client (poll for POLLOUT; ``loopWrite(now:)`` hands them on).
    public var wantsWrite: Bool {
        mosquitto_want_write(handle) || !(direct?.isEmpty ?? true) || (isConnected && !queue.isEmpty)
    }

    /// Whether a publication of `qos` may be handed on now without overtaking bytes that wait or
    /// growing libmosquitto's list of packets, which has no bound.
    func canSend(qos: Int32) -> Bool {
        guard !mosquitto_want_write(handle) else { return false }
        guard let direct else { return true }
        return qos == 0 ? direct.pendingCount < Self.directLimit : direct.isEmpty
    }

    /// Publications waiting for the connection.
    public var queuedCount: Int { queue.count }

    /// Publications dropped because the queue was full.
    public var droppedPublications: Int { queue.droppedCount }

    /// Whether the client is connected and the broker has acknowledged every subscription.
    public var isSubscribed: Bool { isConnected && unacknowledgedSubscriptions.isEmpty }

    /// Makes the first connection attempt now (later ones follow by themselves from ``tick(now:)``).
    public func start(now: ContinuousClock.Instant = .now) {
        guard state == .idle else { return }
        backoff.reset()
        failuresInARow = 0
        attemptConnect(now: now)
    }

    /// Publishes `payload` on `topic` (the prefix is added), or queues it while disconnected.
    /// - Throws: ``MQTTError`` only for a publication that can never work (bad topic or QoS).
    public func publish(_ topic: String, payload: [UInt8], qos: Int32 = 0, retain: Bool = false) throws(MQTTError) {
        let full = options.fullTopic(topic)
        guard Self.isPublishable(full) else {
            throw MQTTError(operation: "mosquitto_pub_topic_check '\(full)'", code: MOSQ_ERR_INVAL.rawValue)
        }
        guard (0...2).contains(qos) else {
            throw MQTTError(
                operation: "publish", code: MOSQ_ERR_INVAL.rawValue, errno: nil, text: "QoS \(qos) is not 0, 1 or 2")
        }
        // Anything already waiting goes first, so nothing is published out of order. And only
        // while libmosquitto has written all it holds: its list of packets has no bound, so a
        // broker that reads more slowly than a fleet publishes would grow it without end (10,000
        // stations against a saturated broker: 17 MB a second); the wait is in the bounded queue.
        guard isConnected, queue.isEmpty, canSend(qos: qos) else {
            enqueue(MQTTMessage(topic: full, payload: payload, qos: qos, retain: retain))
            return
        }
        if qos == 0, direct != nil {
            sendDirect(topic: full, payload: payload, retain: retain)
        } else {
            send(MQTTMessage(topic: full, payload: payload, qos: qos, retain: retain))
        }
    }

    /// What `mosquitto_pub_topic_check` and `mosquitto_publish` accept as a topic to publish on:
    /// 1 to 65,535 bytes, no wildcard (`+`, `#`) and no NUL (MQTT 3.1.1, 4.7.3), checked on the
    /// UTF-8 bytes without making a C string for every publication.
    static func isPublishable(_ topic: String) -> Bool {
        var topic = topic
        return topic.withUTF8 { bytes in
            guard (1...65_535).contains(bytes.count), let base = bytes.baseAddress else { return false }
            // Eight bytes at a time (every publication of a fleet is checked): a word holds `+`,
            // `#` or NUL when one of the three has a zero byte.
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            func hasZeroByte(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
            var offset = 0
            while offset + 8 <= bytes.count {
                let word = UnsafeRawPointer(base).loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                if hasZeroByte(word) || hasZeroByte(word ^ (ones &* 0x2B)) || hasZeroByte(word ^ (ones &* 0x23)) {
                    return false
                }
                offset += 8
            }
            return !bytes[offset...].contains { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "#") || $0 == 0 }
        }
    }

    /// Queues `publication`, counting (and, once per episode, logging) a drop of the oldest.
    func enqueue(_ publication: MQTTMessage) {
        let before = queue.droppedCount
        queue.append(publication)
        guard queue.droppedCount > before else {
            if queue.count < queue.capacity / 2 { isDropping = false }
            return
        }
        statistics.dropped += 1
        if !isDropping {
            isDropping = true
            logger.warning(
                "mqtt queue full: dropping the oldest publications",
                metadata: [
                    "capacity": "\(queue.capacity)",
                    "reason":
                        "\(isConnected ? "the broker reads more slowly than the stations publish" : "not connected")",
                ])
        }
    }

    /// Publishes the UTF-8 bytes of `text`; see ``publish(_:payload:qos:retain:)``.
    public func publish(_ topic: String, text: String, qos: Int32 = 0, retain: Bool = false) throws(MQTTError) {
        try publish(topic, payload: Array(text.utf8), qos: qos, retain: retain)
    }

    /// Subscribes to `filter` (the prefix is added) now if connected, and again on every reconnect.
    /// - Throws: ``MQTTError`` for an invalid filter.
    public func subscribe(_ filter: String, qos: Int32 = 0) throws(MQTTError) {
        try subscribe(qos: qos) { [filter] }
    }

    /// Subscribes to every filter `filters` returns (the prefix is added), now if connected and
    /// again on every reconnect, calling it each time rather than keeping the strings: a fleet's
    /// stations subscribe to hundreds of thousands of topics, which would stay in memory for
    /// the whole session otherwise.
    /// - Throws: ``MQTTError`` for an invalid filter (every one is checked now).
    public func subscribe(qos: Int32 = 0, each filters: @escaping () -> [String]) throws(MQTTError) {
        for filter in filters() {
            let full = options.fullTopic(filter)
            try check(mosquitto_sub_topic_check(full), "mosquitto_sub_topic_check '\(full)'")
        }
        subscriptionSources.append((filters, qos))
        if isConnected {
            // libmosquitto writes the SUBSCRIBE at once: never inside a packet of ours.
            if flushDirect() {
                sendSubscriptions([(filters, qos)])
            } else {
                deferredSubscriptions.append((filters, qos))
            }
        }
    }

    /// Sends what libmosquitto and the queue still hold (for at most `flushTimeout`), then
    /// DISCONNECT, and stays idle. Publications still queued after that are not sent.
    public func disconnect(flushTimeout: Duration = .milliseconds(500)) {
        let wasConnected = isConnected || state == .connecting
        let wasPublishing = isConnected
        state = .idle
        connectDeadline = nil
        guard wasConnected, socket != nil else { return }
        let clock = ContinuousClock()
        let end = clock.now + flushTimeout
        if wasPublishing { feedQueue() }
        while wantsWrite, let fd = socket, clock.now < end {
            _ = pollOne(fd, for: .writable, milliseconds: LiveLoop.milliseconds(from: clock.now, to: end))
            guard flushDirect() else { continue }
            guard mosquitto_loop_write(handle, 1) == MOSQ_ERR_SUCCESS.rawValue else { break }
            if wasPublishing { feedQueue() }
        }
        // Out of time inside a packet of ours: the DISCONNECT below lands in it, and the broker
        // drops the connection as malformed, which ends it all the same.
        direct?.discard()
        state = .idle  // a publication that failed meanwhile scheduled a retry: none is wanted
        let code = mosquitto_disconnect(handle)
        if code != MOSQ_ERR_SUCCESS.rawValue, code != MOSQ_ERR_NO_CONN.rawValue {
            logger.debug(
                "mqtt disconnect", metadata: ["error": "\(MQTTError(operation: "mosquitto_disconnect", code: code))"])
        }
        processEvents(now: clock.now)
        if !queue.isEmpty { logger.notice("mqtt: \(queue.count) queued publications not sent at disconnect") }
        logger.info("mqtt disconnected", metadata: ["broker": "\(options.redactedURL)"])
    }

    private func check(_ code: Int32, _ operation: String) throws(MQTTError) {
        guard code == MOSQ_ERR_SUCCESS.rawValue else { throw MQTTError(operation: operation, code: code) }
    }
}
