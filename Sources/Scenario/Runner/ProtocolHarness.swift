import EVSEModel
import SimCore

/// The protocol faces a scenario talks through, fed the same way in fast mode as on a pty and a
/// broker: RAPI lines go through the byte-level receiver; MQTT publications go to the trace.
struct ProtocolHarness {
    var nextTick: SimInstant = .distantFuture

    init(station: Station, traceTelemetry: Bool) {}

    mutating func tick(station: inout Station) -> [TraceRecord] { [] }
    mutating func afterStep(records: [TraceRecord], station: inout Station) -> [TraceRecord] { [] }
    mutating func receiveMQTT(topic: String, payload: [UInt8], station: inout Station) -> [TraceRecord] { [] }
}

extension ScenarioRunner {
    mutating func runRAPI(_ step: RAPIStep, step scenarioStep: ScenarioStep) {
        record(
            Verdict(
                label: scenarioStep.label ?? "rapi \(step.line)", location: Self.location(scenarioStep), time: station.now,
                passed: false, detail: "RAPI steps are not available in this build"))
    }

    mutating func runMQTTExpectation(_ e: MQTTExpectation, step: ScenarioStep) {
        record(
            Verdict(
                label: step.label ?? "mqtt \(e.topic)", location: Self.location(step), time: station.now, passed: false,
                detail: "MQTT expectations are not available in this build"))
    }
}
