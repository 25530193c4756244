import JSON
import SimCore
import Wire

/// OCPP steps: the scenario plays the CSMS. Frames the charge point sends are watched like
/// publications, under internal topics: `ocpp/call/<Action>` for its calls (payload: the
/// call's payload) and `ocpp/answer/<Action>` for its answers to the CSMS (the CALLRESULT
/// payload, or `{"errorCode", "errorDescription"}` for a CALLERROR).
extension ScenarioInterpreter {
    /// How many OCPP calls are remembered for a later expectation.
    static let ocppBacklogLimit = 512

    /// Sends a CSMS frame; an answer to check is watched at the same instant (the face answers
    /// while the frame is handled).
    mutating func startOCPPStep(_ ocpp: OCPPStep, step: ScenarioStep, now: SimInstant) {
        switch ocpp {
        case .call(let action, _, let check?):
            pending = .watch(Self.answerWatch(action, check), step, deadline: now)
        case .raw(_, let check?):
            pending = .watch(Self.answerWatch("raw frame", check), step, deadline: now)
        default:
            break
        }
        emit(.ocpp(ocpp))
    }

    static func answerWatch(_ what: String, _ check: JSONSubsetPattern) -> MQTTWatch {
        MQTTWatch(topic: "answer to \(what)", filter: "ocpp/answer/#", pattern: check, text: nil, window: .zero)
    }

    /// Starts an expectation of a charge point call: the calls not yet matched count first.
    mutating func startOCPPExpectation(_ expectation: OCPPExpectation, step: ScenarioStep, now: SimInstant) {
        let window = expectation.within ?? .seconds(2)
        var watch = MQTTWatch(
            topic: "ocpp \(expectation.action)", filter: "ocpp/call/\(expectation.action)",
            pattern: expectation.payload,
            text: nil, window: window)
        for (i, kept) in ocppBacklog.enumerated() {
            watch.check(kept.message, at: kept.time)
            if watch.matchedAt != nil {
                ocppBacklog.removeFirst(i + 1)
                break
            }
        }
        pending = .watch(watch, step, deadline: now + window)
    }

    /// Calls sent before the step that starts now no longer count for later expectations: an
    /// expectation matches calls sent since the last step other than an OCPP expectation began.
    mutating func forgetOCPPCalls(before now: SimInstant) {
        ocppBacklog.removeAll { $0.time < now }
    }

    /// Notes a frame of the charge point: its calls (`action` set, `isCall`) and its answers.
    /// The payload is encoded only when an expectation may read it: one watching now, or a
    /// later one (a call kept in the backlog of a scenario with OCPP expectations).
    public mutating func observeOCPP(
        action: String, isCall: Bool, payload: @autoclosure () -> [UInt8], at time: SimInstant
    ) {
        guard isWatchingMQTT || (isCall && expectsOCPP) else { return }
        let message = MQTTMessage(topic: "ocpp/\(isCall ? "call" : "answer")/\(action)", payload: payload())
        if case .watch(var watch, let step, let deadline)? = pending, watch.filter.hasPrefix("ocpp/"),
            watch.matchedAt == nil
        {
            watch.check(message, at: time)
            pending = .watch(watch, step, deadline: deadline)
            if watch.matchedAt != nil {
                if isCall { ocppBacklog.removeAll() }
                return
            }
        }
        guard isCall else { return }
        if ocppBacklog.count >= Self.ocppBacklogLimit { ocppBacklog.removeFirst() }
        ocppBacklog.append((message, time))
    }
}
