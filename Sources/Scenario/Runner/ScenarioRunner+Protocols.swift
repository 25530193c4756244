import EVSEModel
import EverestAPI
import SimCore

/// An MQTT expectation being watched: every publication is checked as it is made.
struct MQTTWatch {
    var filter: String
    var pattern: JSONSubsetPattern?
    var matchedAt: SimInstant?
    var lastMismatch: String?

    mutating func check(_ message: MQTTMessage, at time: SimInstant) {
        guard matchedAt == nil, TopicFilter.matches(filter, message.topic) else { return }
        guard let pattern else {
            matchedAt = time
            return
        }
        guard let json = try? JSONParser().parse(message.payload, file: message.topic) else {
            lastMismatch = "payload is not JSON: \(message.payloadText)"
            return
        }
        if let mismatch = pattern.firstMismatch(in: json) {
            lastMismatch = "\(mismatch) in \(message.payloadText)"
        } else {
            matchedAt = time
        }
    }
}

extension ScenarioRunner {
    /// Waits up to `within` (default 2 s) for a publication on the topic that matches the subset.
    mutating func runMQTTExpectation(_ e: MQTTExpectation, step: ScenarioStep) {
        let filter = e.topic.hasPrefix("everest_api/") ? e.topic : "everest_api/\(harness.everest.evseID)/\(e.topic)"
        let window = e.within ?? .seconds(2)
        harness.watch = MQTTWatch(filter: filter, pattern: e.json)
        advance(to: station.now + window)
        let watch = harness.watch!
        harness.watch = nil
        record(
            Verdict(
                label: step.label ?? "mqtt \(e.topic)", location: Self.location(step), time: station.now,
                passed: watch.matchedAt != nil,
                detail: watch.matchedAt.map { "published at \($0)" }
                    ?? "no matching publication on \(filter) within \(window)\(watch.lastMismatch.map { ": last \($0)" } ?? "")"))
    }

    mutating func runRAPI(_ step: RAPIStep, step scenarioStep: ScenarioStep) {
        record(
            Verdict(
                label: scenarioStep.label ?? "rapi \(step.line)", location: Self.location(scenarioStep), time: station.now,
                passed: false, detail: "RAPI steps are not available in this build"))
    }
}
