/// The outcome of decoding one command payload.
public enum EverestCommandDecoding: Hashable, Sendable {
    /// The payload was understood.
    case command(EverestCommand)
    /// The payload did not parse but the real module executes the command anyway with its
    /// default (`force_unlock` → connector 1, `uk_random_delay_set_max_duration_s` → 600 s);
    /// `reason` is the error it logs.
    case defaulted(EverestCommand, reason: String)
    /// The real module ignores (or, where the reason says so, would crash on) this payload.
    /// The face logs and traces the reason and does nothing else.
    case rejected(reason: String)

    /// The command to execute, if any.
    public var command: EverestCommand? {
        switch self {
        case .command(let command), .defaulted(let command, _): command
        case .rejected: nil
        }
    }
}
