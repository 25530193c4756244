import CMosquitto
import Logging
import Wire

#if canImport(Glibc)
    import Glibc
#endif

extension MosquittoClient {
    /// Reads what the socket holds (call when it is readable) and acts on it.
    public func loopRead(now: ContinuousClock.Instant = .now) {
        guard socket != nil else { return }
        // libmosquitto may answer what it reads (a PUBACK): never inside a packet of ours. The
        // socket is polled for reading again once they are written (see `pollInterest()`).
        guard flushDirect() else { return }
        note(mosquitto_loop_read(handle, 1), "mosquitto_loop_read")
        processEvents(now: now)
    }

    /// Writes what libmosquitto holds (call when the socket is writable and ``wantsWrite``).
    public func loopWrite(now: ContinuousClock.Instant = .now) {
        guard socket != nil, flushDirect() else { return }
        note(mosquitto_loop_write(handle, 1), "mosquitto_loop_write")
        processEvents(now: now)
        if isConnected, !deferredSubscriptions.isEmpty {
            let sources = deferredSubscriptions
            deferredSubscriptions.removeAll()
            sendSubscriptions(sources)
        }
        flushQueue()
    }

    /// libmosquitto's housekeeping: keep-alive pings and their time-outs. ``tick(now:)`` calls it
    /// every ``miscInterval``.
    public func loopMisc(now: ContinuousClock.Instant = .now) {
        nextMisc = now + Self.miscInterval
        // A PINGREQ must not land inside a packet of ours; the next second will do.
        guard socket != nil, direct?.isEmpty ?? true else { return }
        note(mosquitto_loop_misc(handle), "mosquitto_loop_misc")
        processEvents(now: now)
    }

    /// Advances the connection state machine: starts a due connection attempt, gives up on a
    /// CONNACK that is too late, runs ``loopMisc(now:)`` when due. Never blocks on the network
    /// (a DNS lookup of a host name is the one exception libmosquitto imposes).
    public func tick(now: ContinuousClock.Instant = .now) {
        switch state {
        case .idle, .refused:
            return
        case .waitingToRetry(let until):
            if now >= until { attemptConnect(now: now) }
        case .connecting:
            if let deadline = connectDeadline, now >= deadline {
                let error = MQTTError(
                    operation: "connect", code: MOSQ_ERR_TIMEOUT.rawValue, errno: nil,
                    text: "no CONNACK within \(connectTimeout)")
                scheduleRetry(now: now, after: error)
            } else if let misc = nextMisc, now >= misc {
                loopMisc(now: now)
            }
        case .connected:
            if let misc = nextMisc, now >= misc { loopMisc(now: now) }
        }
    }

    /// Does the I/O `events` call for, then ``tick(now:)``; the ``LiveLoop`` handler's one call.
    public func service(_ events: PollEvents, now: ContinuousClock.Instant = .now) {
        // A broken connection: what waits is lost with it, and libmosquitto must read to notice.
        if !events.isDisjoint(with: [.hangup, .error]) { direct?.discard() }
        if !events.isDisjoint(with: [.readable, .hangup, .error]) { loopRead(now: now) }
        if events.contains(.writable) { loopWrite(now: now) }
        tick(now: now)
    }

    // MARK: - State machine

    func attemptConnect(now: ContinuousClock.Instant) {
        statistics.connectAttempts += 1
        // connect_async: on a closed loopback port the TCP connect still fails at once with
        // ECONNREFUSED (seen with libmosquitto 2.0); either way we retry it ourselves.
        let code = mosquitto_connect_async(
            handle, options.host, Int32(options.port), Int32(options.keepaliveSeconds))
        guard code == MOSQ_ERR_SUCCESS.rawValue else {
            scheduleRetry(
                now: now, after: MQTTError(operation: "mosquitto_connect_async", code: code).explained(by: tlsFailure())
            )
            return
        }
        state = .connecting
        connectDeadline = now + connectTimeout
        nextMisc = now + Self.miscInterval
        logger.debug("mqtt connecting", metadata: ["broker": "\(options.redactedURL)"])
        processEvents(now: now)
    }

    func scheduleRetry(now: ContinuousClock.Instant, after error: MQTTError) {
        // The next connection must not start inside a packet meant for this one.
        direct?.discard()
        deferredSubscriptions.removeAll()
        lastError = error
        failuresInARow += 1
        connectDeadline = nil
        let delay = backoff.nextDelay()
        state = .waitingToRetry(until: now + delay)
        let metadata: Logger.Metadata = [
            "broker": "\(options.redactedURL)", "error": "\(error)", "retryIn": "\(delay)",
            "failures": "\(failuresInARow)",
        ]
        // The first failure of a streak is worth a warning; the retries that follow are not.
        if failuresInARow == 1 {
            logger.warning("mqtt broker unavailable, retrying", metadata: metadata)
        } else {
            logger.debug("mqtt connection attempt failed", metadata: metadata)
        }
    }

    /// Acts on what the callbacks recorded, after the library call that produced it returned.
    func processEvents(now: ContinuousClock.Instant) {
        guard !isProcessingEvents else { return }
        isProcessingEvents = true
        defer { isProcessingEvents = false }
        let sink = sinkReference.takeUnretainedValue()
        var messages: [MQTTMessage] = []
        while !sink.events.isEmpty {
            let events = sink.events
            sink.events.removeAll()
            for event in events {
                switch event {
                case .connected(let code):
                    if code == 0 {
                        didConnect(now: now)
                    } else if state == .connecting {
                        let text = mosquitto_connack_string(code).map { String(cString: $0) } ?? "refused"
                        let error = MQTTError(operation: "CONNACK", code: code, errno: nil, text: text)
                        if error.isDefiniteRefusal {
                            giveUp(error)
                        } else {
                            logger.error("mqtt broker refused the connection", metadata: ["error": "\(error)"])
                            scheduleRetry(now: now, after: error)
                        }
                    }
                case .disconnected(let code):
                    connectionEnded(code: code, now: now)
                case .subscribed(let messageID):
                    unacknowledgedSubscriptions.remove(messageID)
                case .message(var message):
                    message.topic = options.relativeTopic(message.topic)
                    messages.append(message)
                }
            }
        }
        if isConnected || state == .connecting, socket == nil {
            connectionEnded(code: MOSQ_ERR_CONN_LOST.rawValue, now: now)
        }
        // Delivered last, outside every libmosquitto call: a handler may publish freely.
        for message in messages { onMessage?(message) }
    }

    /// A refusal that a retry cannot change: stop, say what to fix.
    private func giveUp(_ error: MQTTError) {
        state = .refused
        lastError = error
        connectDeadline = nil
        nextMisc = nil
        _ = mosquitto_disconnect(handle)
        logger.error(
            "mqtt broker refused the connection; giving up",
            metadata: ["broker": "\(options.redactedURL)", "error": "\(error)", "fix": "\(error.refusalAdvice)"])
    }

    /// The TLS errors libmosquitto logged since the last call, for the failure being reported.
    private func tlsFailure() -> String? {
        let sink = sinkReference.takeUnretainedValue()
        defer { sink.tlsErrors.removeAll() }
        guard options.useTLS, !sink.tlsErrors.isEmpty else { return nil }
        var reasons: [String] = []
        for reason in sink.tlsErrors where !reasons.contains(reason) { reasons.append(reason) }
        let trusted = options.caFile.map { "CA file \($0)" } ?? "the system CAs in /etc/ssl/certs"
        return reasons.joined(separator: "; ") + " (host \(options.host), trusting \(trusted))"
    }

    private func didConnect(now: ContinuousClock.Instant) {
        state = .connected
        connectDeadline = nil
        backoff.reset()
        failuresInARow = 0
        lastError = nil
        statistics.connections += 1
        logger.info("mqtt connected", metadata: ["broker": "\(options.redactedURL)"])
        unacknowledgedSubscriptions.removeAll()
        direct?.discard()
        deferredSubscriptions.removeAll()
        sendSubscriptions(subscriptionSources)
        guard isConnected else { return }
        flushQueue()
    }

    private func connectionEnded(code: Int32, now: ContinuousClock.Instant) {
        switch state {
        case .idle, .waitingToRetry, .refused:
            return  // asked for, or already handled
        case .connected:
            statistics.connectionLosses += 1
            scheduleRetry(
                now: now, after: MQTTError(operation: "connection lost", code: code).explained(by: tlsFailure()))
        case .connecting:
            scheduleRetry(now: now, after: MQTTError(operation: "connect", code: code).explained(by: tlsFailure()))
        }
    }

    // MARK: - Sending

    /// Hands `publication` to libmosquitto; a transient failure puts it back at the front of the
    /// queue and starts reconnecting, so it still goes out before anything published later.
    func send(_ publication: MQTTMessage) {
        if publication.qos == 0, direct != nil {
            sendDirect(topic: publication.topic, payload: publication.payload, retain: publication.retain)
            return
        }
        let code = publication.payload.withUnsafeBytes { bytes in
            mosquitto_publish(
                handle, nil, publication.topic, Int32(bytes.count), bytes.baseAddress, publication.qos,
                publication.retain)
        }
        guard code != MOSQ_ERR_SUCCESS.rawValue else {
            statistics.published += 1
            return
        }
        let error = MQTTError(operation: "mosquitto_publish '\(publication.topic)'", code: code)
        if error.isTransient {
            queue.prepend(publication)
            if isConnected { statistics.connectionLosses += 1 }
            scheduleRetry(now: .now, after: error)
        } else {
            statistics.rejected += 1
            logger.error("mqtt publication rejected", metadata: ["error": "\(error)"])
        }
    }

    /// Appends a QoS 0 publication to the direct buffer, written when a batch ends, when a
    /// buffer's worth waits, or at once outside a batch.
    func sendDirect(topic: String, payload: [UInt8], retain: Bool) {
        guard direct!.append(topic: topic, payload: payload, retain: retain) else {
            statistics.rejected += 1
            let error = MQTTError(
                operation: "publish '\(topic)'", code: MOSQ_ERR_PAYLOAD_SIZE.rawValue, errno: nil,
                text: "topic or payload too long for MQTT (\(payload.count) B payload)")
            logger.error("mqtt publication rejected", metadata: ["error": "\(error)"])
            return
        }
        statistics.published += 1
        if direct!.isWorthWriting(batching: isBatching, writeSize: Self.directWriteSize) { flushDirect() }
    }

    /// Writes what the direct buffer holds, as far as the socket takes it.
    /// - Returns: Whether nothing of it waits any more (libmosquitto may write and read again).
    @discardableResult
    func flushDirect() -> Bool {
        guard direct?.isEmpty == false else { return true }
        guard let fd = socket else {
            direct?.discard()
            return true
        }
        switch direct!.write(to: fd) {
        case .drained:
            return true
        case .blocked:
            return false
        case .failed(let code):
            // libmosquitto notices the broken connection on its next read and reconnects.
            logger.debug("mqtt write failed", metadata: ["errno": "\(code)", "error": "\(errnoText(code))"])
            return true
        }
    }

    /// Subscribes to every filter of `sources` (without the prefix), in packets of
    /// ``SubscriptionBatch/size``, until the connection fails.
    func sendSubscriptions(_ sources: [(filters: () -> [String], qos: Int32)]) {
        var batch = SubscriptionBatch(prefix: options)
        for source in sources {
            for filter in source.filters() {
                if let full = batch.add(filter, qos: source.qos) { sendSubscribe(full.filters, qos: full.qos) }
                guard isConnected else { return }
            }
        }
        if let rest = batch.finish() { sendSubscribe(rest.filters, qos: rest.qos) }
    }

    /// One SUBSCRIBE packet for all of `topics` (with the prefix): a broker answers each packet
    /// with a SUBACK, and 200,000 of them one by one kept mosquitto busy for seconds.
    func sendSubscribe(_ topics: [String], qos: Int32) {
        var messageID: Int32 = 0
        let copies = topics.map { strdup($0) }
        defer { for copy in copies { free(copy) } }
        let code = copies.withUnsafeBufferPointer { pointers in
            mosquitto_subscribe_multiple(handle, &messageID, Int32(topics.count), pointers.baseAddress, qos, 0, nil)
        }
        if code == MOSQ_ERR_SUCCESS.rawValue {
            unacknowledgedSubscriptions.insert(messageID)
        } else {
            let named = topics.count == 1 ? "'\(topics[0])'" : "'\(topics[0])' and \(topics.count - 1) more"
            let error = MQTTError(operation: "mosquitto_subscribe \(named)", code: code)
            if error.isTransient {
                if isConnected { statistics.connectionLosses += 1 }
                scheduleRetry(now: .now, after: error)
            } else {
                logger.error("mqtt subscription rejected", metadata: ["error": "\(error)"])
            }
        }
    }

    /// Hands queued publications to libmosquitto while connected, until it holds some it could
    /// not write yet (the next ``loopWrite(now:)`` goes on).
    func flushQueue() {
        guard isConnected else { return }
        feedQueue()
    }

    /// Hands queued publications to libmosquitto until it holds some it could not write yet.
    func feedQueue() {
        while let next = queue.first, canSend(qos: next.qos), let publication = queue.popFirst() {
            let sent = statistics.published
            send(publication)
            // Refused: it is back in the queue (or dropped for good), and a retry is scheduled.
            if statistics.published == sent { return }
        }
    }

    private func note(_ code: Int32, _ operation: String) {
        guard code != MOSQ_ERR_SUCCESS.rawValue else { return }
        logger.trace("mqtt \(operation)", metadata: ["error": "\(MQTTError(operation: operation, code: code))"])
    }
}

extension MosquittoClient: LiveSource {
    /// The socket with POLLIN (and POLLOUT when ``wantsWrite``) while connecting or connected.
    public func pollInterest() -> PollInterest? {
        guard isConnected || state == .connecting, let fd = socket else { return nil }
        // Not readable while bytes of ours wait: ``loopRead(now:)`` would not read yet.
        if direct?.isEmpty == false { return PollInterest(fileDescriptor: fd, events: .writable) }
        return PollInterest(fileDescriptor: fd, events: wantsWrite ? [.readable, .writable] : .readable)
    }

    /// The next retry, CONNACK time-out or housekeeping instant.
    public func nextDeadline() -> ContinuousClock.Instant? {
        switch state {
        case .idle, .refused: nil
        case .waitingToRetry(let until): until
        case .connecting: [connectDeadline, nextMisc].compactMap { $0 }.min()
        case .connected: nextMisc
        }
    }
}
