public import Scenario

/// A control request on its way from the HTTP threads to the live loop, with the callback
/// that carries the reply back.
public enum ControlMessage: Sendable {
    /// Called on the loop's thread with the answer.
    public typealias Reply = @Sendable (ControlReply) -> Void

    /// Every station with its state.
    case list(Reply)
    /// One station (by global index) with its state.
    case station(Int, Reply)
    /// An action on one station: what the reader made of the request, and the request's action
    /// object as compact JSON (recorded in the trace).
    case perform(Int, ScenarioAction, [UInt8], Reply)

    /// The callback of any message.
    var reply: Reply {
        switch self {
        case .list(let r), .station(_, let r), .perform(_, _, _, let r): r
        }
    }
}
