import CMosquitto

extension MQTTError {
    /// Whether a refused CONNACK is final: retrying with the same credentials and client id
    /// cannot succeed (MQTT 3.1.1 §3.2.2.3 return codes 1, 2, 4, 5; MQTT 5 reason codes 0x84–0x87,
    /// 0x8A banned, 0x8C bad authentication method). "Server unavailable" (3) stays transient.
    var isDefiniteRefusal: Bool {
        operation == "CONNACK" && [1, 2, 4, 5, 0x84, 0x85, 0x86, 0x87, 0x8A, 0x8C].contains(code)
    }

    /// What to change after a definite refusal.
    public var refusalAdvice: String {
        switch code {
        case 2, 0x85:
            "the broker rejects the client id: set another with ?clientid= in the --mqtt URL"
        case 1, 0x84:
            "the broker does not speak MQTT 3.1.1"
        default:
            "check the user name (--mqtt mqtt://user@host) and the password (--mqtt-password-file, "
                + "EVSESIM_MQTT_PASSWORD or the URL), and the broker's ACL for this user"
        }
    }

    /// The error with `reason` (a TLS failure's cause) appended to its text.
    func explained(by reason: String?) -> MQTTError {
        guard let reason else { return self }
        var error = self
        error.text += "; TLS: \(reason)"
        return error
    }
}
