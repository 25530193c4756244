import CMosquitto

/// A libmosquitto call failed.
public struct MQTTError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The call that failed, e.g. `mosquitto_connect_async`.
    public var operation: String
    /// The `mosq_err_t` result code (or a CONNACK code for a refused connection).
    public var code: Int32
    /// `errno` when the code is `MOSQ_ERR_ERRNO`, nil otherwise.
    public var errno: Int32?
    /// What the code means, from `mosquitto_strerror` (or `strerror` for `MOSQ_ERR_ERRNO`).
    public var text: String

    /// Creates an error from a libmosquitto result code, reading `errno` when the code says to.
    ///
    /// Create it right after the failing call: `errno` is only meaningful until the next one.
    public init(operation: String, code: Int32) {
        self.operation = operation
        self.code = code
        if code == MOSQ_ERR_ERRNO.rawValue {
            let saved = currentErrno()
            self.errno = saved
            self.text = errnoText(saved)
        } else {
            self.errno = nil
            self.text = mosquitto_strerror(code).map { String(cString: $0) } ?? "libmosquitto error \(code)"
        }
    }

    /// Creates an error with explicit fields (tests, CONNACK refusals).
    public init(operation: String, code: Int32, errno: Int32?, text: String) {
        self.operation = operation
        self.code = code
        self.errno = errno
        self.text = text
    }

    /// Whether a later attempt may succeed (the connection went away or is not up yet), as
    /// opposed to a call that can never work (bad topic, payload too large).
    public var isTransient: Bool {
        [
            MOSQ_ERR_NO_CONN, MOSQ_ERR_CONN_LOST, MOSQ_ERR_ERRNO, MOSQ_ERR_CONN_REFUSED, MOSQ_ERR_KEEPALIVE,
            MOSQ_ERR_EAI,
            MOSQ_ERR_TLS, MOSQ_ERR_TLS_HANDSHAKE, MOSQ_ERR_LOOKUP, MOSQ_ERR_PROTOCOL,
        ]
        .contains { $0.rawValue == code }
    }

    /// The call, the library's text and the code, e.g. "mosquitto_connect_async failed: Connection refused (errno 111)".
    public var description: String {
        let detail = errno.map { "errno \($0)" } ?? "rc \(code)"
        return "\(operation) failed: \(text) (\(detail))"
    }
}
