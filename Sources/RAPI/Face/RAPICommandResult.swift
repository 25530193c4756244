/// What executing one command produced, before it goes on the wire.
struct RAPICommandResult: Hashable, Sendable {
    /// Non-RAPI text written before the reply (`$Z0`).
    var preamble: [UInt8]?
    /// The reply, or nil when the command answers nothing (`$FR`).
    var reply: RAPIReply?
    /// Whether the `$AT` check runs after the reply (not when the controller is resetting).
    var checksState = true
    /// Whether a command handler ran (false: answered `$NK` as unknown or unavailable).
    var executed = true

    /// A reply followed by the usual `$AT` check.
    init(_ reply: RAPIReply?, preamble: [UInt8]? = nil, checksState: Bool = true, executed: Bool = true) {
        self.reply = reply
        self.preamble = preamble
        self.checksState = checksState
        self.executed = executed
    }
}
