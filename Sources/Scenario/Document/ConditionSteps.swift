import SimCore

/// `{"wait": "<condition>", "timeout": "10s"}`: the run waits until the condition holds; the
/// step fails when it has not after `timeout`.
public struct WaitStep: Hashable, Sendable {
    /// The parsed condition.
    public var condition: Condition
    /// The condition as written, for verdicts.
    public var text: String
    /// How long to wait at most.
    public var timeout: SimDuration

    /// Creates a wait.
    public init(condition: Condition, text: String, timeout: SimDuration) {
        self.condition = condition
        self.text = text
        self.timeout = timeout
    }
}

/// `{"never": …}` / `{"always": …}`: a condition watched from the step's time on.
public struct InvariantStep: Hashable, Sendable {
    /// The parsed condition.
    public var condition: Condition
    /// The condition as written, for verdicts.
    public var text: String
    /// How long to watch; `nil` means until the end of the run.
    public var duration: SimDuration?

    /// Creates an invariant.
    public init(condition: Condition, text: String, duration: SimDuration?) {
        self.condition = condition
        self.text = text
        self.duration = duration
    }
}
