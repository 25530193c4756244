import SimCore

/// A check that holds the following steps back until it is decided.
///
/// Indirect: the interpreter looks at its pending check after every change, and each look
/// copied the whole payload (a step and its check, 330 bytes with a dozen references), and an
/// interpreter with nothing pending (a fleet's background plan between steps) carries no room for it.
indirect enum InterpreterPending: Sendable {
    /// A `wait` until its condition holds or its timeout passes.
    case wait(WaitStep, ScenarioStep, started: SimInstant, deadline: SimInstant, keys: ResolvedConditionKeys)
    /// An MQTT expectation watching publications until its deadline.
    case watch(MQTTWatch, ScenarioStep, deadline: SimInstant)
    /// A RAPI line was sent; its replies are being handed back.
    case rapiReplies(RAPIStep, ScenarioStep, seen: [String])
    /// The asynchronous lines a RAPI step expects, until they have all been seen or 5 s passed.
    case rapiAsync(RAPIStep, ScenarioStep, seen: [String], deadline: SimInstant)
}

/// A `never` or `always` condition being watched over an interval.
struct ActiveInvariant: Sendable {
    var step: ScenarioStep
    var condition: Condition
    var keys: ResolvedConditionKeys
    var text: String
    /// true: the condition must never hold; false: it must always hold.
    var isNever: Bool
    var start: SimInstant
    var end: SimInstant?
    /// The first violation seen, if any.
    var violation: (time: SimInstant, detail: String)?
}
