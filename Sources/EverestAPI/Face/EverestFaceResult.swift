/// What became of one received MQTT message, for the driver's log and for tests.
///
/// Like the real API module, the face never answers on the broker (everest-core
/// `API::init()`: no command has a reply topic); this value is the only account of what happened.
public enum EverestFaceResult: Hashable, Sendable {
    /// The command was applied to the station; the text says what it did.
    case applied(String)
    /// The payload did not parse, but the real module executes the command with its default
    /// anyway (`force_unlock` → connector 1, `uk_random_delay_set_max_duration_s` → 600 s);
    /// the command was applied with that default.
    case defaulted(String, reason: String)
    /// The real module ignores this payload (with a log line); the station is unchanged.
    case rejected(reason: String)
    /// The topic is not one of this face's command topics; nothing was done.
    case ignored(topic: String)

    /// Whether the station was changed (or may have been).
    public var changedStation: Bool {
        switch self {
        case .applied, .defaulted: true
        case .rejected, .ignored: false
        }
    }
}

extension EverestFaceResult: CustomStringConvertible {
    /// One line for a log.
    public var description: String {
        switch self {
        case .applied(let what): "applied: \(what)"
        case .defaulted(let what, let reason): "applied with default: \(what) (\(reason))"
        case .rejected(let reason): "rejected: \(reason)"
        case .ignored(let topic): "ignored: \(topic) is not a command topic of this EVSE"
        }
    }
}
