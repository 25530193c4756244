import SimCore

// Indirect: a step's state (330 bytes) lives out of line, so an interpreter with nothing
// pending (a fleet's background plan between its steps) does not carry its room inline.
/// A check that holds the following steps back until it is decided.
indirect enum InterpreterPending: Sendable {
    /// A `wait` until its condition holds or its timeout passes.
    case wait(WaitStep, ScenarioStep, started: SimInstant, deadline: SimInstant)
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
    var text: String
    /// true: the condition must never hold; false: it must always hold.
    var isNever: Bool
    var start: SimInstant
    var end: SimInstant?
    /// The first violation seen, if any.
    var violation: (time: SimInstant, detail: String)?
}
