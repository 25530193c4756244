import EVSEModel
import EverestAPI
import JSON
import SimCore

/// An MQTT expectation being watched: every publication is checked as it is made.
struct MQTTWatch {
    var filter: String
    var pattern: JSONSubsetPattern?
    var text: LinePattern?
    var matchedAt: SimInstant?
    var lastMismatch: String?

    mutating func check(_ message: MQTTMessage, at time: SimInstant) {
        guard matchedAt == nil, TopicFilter.matches(filter, message.topic) else { return }
        if let text {
            if text.matches(message.payloadText) {
                matchedAt = time
            } else {
                lastMismatch = "payload \"\(message.payloadText)\""
            }
            return
        }
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
        harness.watch = MQTTWatch(filter: filter, pattern: e.json, text: e.payload)
        advance(to: station.now + window)
        let watch = harness.watch!
        harness.watch = nil
        record(
            Verdict(
                label: step.label ?? "mqtt \(e.topic)", location: Self.location(step), time: station.now,
                passed: watch.matchedAt != nil,
                detail: watch.matchedAt.map { "published at \($0)" }
                    ?? "no matching publication on \(filter) within \(window)\(watch.lastMismatch.map { ": last \($0)" } ?? "")"
            ))
    }

    /// Sends a RAPI line through the byte-level receiver and checks the reply lines against the
    /// step's patterns; async patterns wait up to 5 s (long enough for a controller reset and its
    /// POST) for matching `$AT`/`$AB` lines, in order, and stop as soon as they have matched.
    mutating func runRAPI(_ step: RAPIStep, step scenarioStep: ScenarioStep) {
        let label = scenarioStep.label ?? "rapi \(step.line)"
        harness.rapiAsync = step.expectAsync.isEmpty ? nil : []
        let out = harness.sendRAPI(step.line, station: &station)
        for r in out.records { emit(r) }
        afterStep()
        let replies = out.writes.filter { $0.kind == .reply }.map { ProtocolHarness.line($0.bytes) }
        if step.expectsNoReply {
            record(
                Verdict(
                    label: label, location: Self.location(scenarioStep), time: station.now, passed: replies.isEmpty,
                    detail: replies.isEmpty
                        ? "no reply, as expected" : "expected no reply, got " + replies.joined(separator: " | ")))
        }
        if !step.expect.isEmpty {
            let ok =
                step.expect.count <= replies.count
                && zip(step.expect, replies).allSatisfy { $0.matches($1) }
            record(
                Verdict(
                    label: label, location: Self.location(scenarioStep), time: station.now, passed: ok,
                    detail: "expected \(step.expect.map(\.text).joined(separator: " | ")), got "
                        + (replies.isEmpty ? "no reply" : replies.joined(separator: " | "))))
        }
        guard !step.expectAsync.isEmpty else { return }
        let deadline = station.now + .seconds(5)
        func unmatched(_ lines: [String]) -> Int {
            var i = 0
            for line in lines where i < step.expectAsync.count && step.expectAsync[i].matches(line) { i += 1 }
            return step.expectAsync.count - i
        }
        while unmatched(harness.rapiAsync ?? []) > 0, station.now < deadline {
            let next = min(station.nextEventTime ?? deadline, harness.nextTick, deadline)
            advance(to: next)
        }
        let seen = harness.rapiAsync ?? []
        harness.rapiAsync = nil
        let ok = unmatched(seen) == 0
        record(
            Verdict(
                label: label + " (async)", location: Self.location(scenarioStep), time: station.now, passed: ok,
                detail: "expected \(step.expectAsync.map(\.text).joined(separator: " then ")), got "
                    + (seen.isEmpty ? "nothing" : seen.joined(separator: " | "))))
    }
}
