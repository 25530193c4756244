import CMosquitto
import Logging
import Wire

/// Where libmosquitto's callbacks leave what they report, until the client processes it.
///
/// Invariant: in caller-driven mode (no `mosquitto_loop_start()`) libmosquitto starts no
/// thread; every callback runs synchronously inside a `mosquitto_loop_*`, `publish` or
/// `disconnect` call made by ``MosquittoClient`` on its own thread. So this non-`Sendable`
/// object is only ever touched from that thread. The callbacks copy everything out of
/// libmosquitto's buffers (they are freed when the callback returns) and do nothing else;
/// the client acts on the events after the library call has returned.
final class MosquittoCallbackSink {
    enum Event {
        case connected(code: Int32)
        case disconnected(code: Int32)
        case subscribed(messageID: Int32)
        case message(MQTTMessage)
    }

    var events: [Event] = []
    /// libmosquitto's TLS error lines since the last connection failure, each with OpenSSL's
    /// verification result when there is one.
    var tlsErrors: [String] = []
    let logger: Logger

    init(logger: Logger) { self.logger = logger }

    /// The sink behind libmosquitto's user-data pointer.
    static func from(_ pointer: UnsafeMutableRawPointer?) -> MosquittoCallbackSink? {
        pointer.map { Unmanaged<MosquittoCallbackSink>.fromOpaque($0).takeUnretainedValue() }
    }

    /// Points `handle`'s callbacks at the sink passed as user data. Every closure literal here
    /// captures nothing, so it converts to the C function pointer libmosquitto wants.
    /// - Parameter logging: Whether to set the log callback too (see ``MosquittoClient``).
    static func install(on handle: OpaquePointer, logging: Bool) {
        mosquitto_connect_callback_set(handle) { _, user, code in
            MosquittoCallbackSink.from(user)?.events.append(.connected(code: code))
        }
        mosquitto_disconnect_callback_set(handle) { _, user, code in
            MosquittoCallbackSink.from(user)?.events.append(.disconnected(code: code))
        }
        mosquitto_subscribe_callback_set(handle) { _, user, messageID, _, _ in
            MosquittoCallbackSink.from(user)?.events.append(.subscribed(messageID: messageID))
        }
        mosquitto_message_callback_set(handle) { _, user, message in
            guard let sink = MosquittoCallbackSink.from(user), let message = message?.pointee else { return }
            let topic = message.topic.map { String(cString: $0) } ?? ""
            var payload: [UInt8] = []
            if let bytes = message.payload, message.payloadlen > 0 {
                payload = Array(UnsafeRawBufferPointer(start: bytes, count: Int(message.payloadlen)))
            }
            sink.events.append(
                .message(MQTTMessage(topic: topic, payload: payload, qos: message.qos, retain: message.retain)))
        }
        guard logging else { return }
        mosquitto_log_callback_set(handle) { mosquitto, user, level, text in
            guard let sink = MosquittoCallbackSink.from(user), let text else { return }
            let line = String(cString: text)
            sink.logger.trace("libmosquitto: \(line)", metadata: ["level": "\(level)"])
            // The handshake's TLS session is freed right after this line is logged: ask it now.
            if level == MOSQ_LOG_ERR, line.contains("SSL") || line.contains("TLS") {
                sink.tlsErrors.append(TLSDiagnosis.describe(line, session: mosquitto_ssl_get(mosquitto)))
            }
        }
    }
}
