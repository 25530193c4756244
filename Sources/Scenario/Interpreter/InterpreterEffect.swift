import EVSEModel
import SimCore

/// One thing a ``ScenarioInterpreter`` asks its driver to do, or tells it.
public enum InterpreterEffect: Hashable, Sendable {
    /// Apply a `do` step to the station.
    case perform(ScenarioAction)
    /// Hand an MQTT command to the station's EVerest face (full topic).
    case publish(topic: String, payload: [UInt8])
    /// Send a RAPI line (CR added) into the RAPI face; the driver must then hand the face's
    /// reply lines to ``ScenarioInterpreter/rapiReplied(_:now:)`` before asking for more.
    case sendRAPI(String)
    /// Play the CSMS: a call or frame into the OCPP face, a scripted answer, the connection.
    case ocpp(OCPPStep)
    /// A check was decided.
    case verdict(Verdict)
    /// A scenario record for the trace: start, step, end.
    case record(TraceRecord)
    /// A step was not run, and why (a `rapi` step in a live session).
    case skipped(ScenarioStep, reason: String)
    /// The scenario reached `until`, or was ended early: every verdict is in.
    case finished(passed: Int, failed: Int)
}
