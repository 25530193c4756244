import EVSEModel
import SimCore

extension ScenarioRunner {
    mutating func execute(_ step: ScenarioStep, index: Int) {
        emit(
            TraceRecord(
                time: station.now, source: "scenario", kind: "scenario.step",
                fields: [.init("index", .int(Int64(index))), .init("at", .string(Self.location(step)))]))
        switch step.kind {
        case .action(let action):
            for r in station.perform(action, rapi: &harness.rapi) { emit(r) }
            afterStep()
        case .wait(let wait):
            let deadline = station.now + wait.timeout
            let started = station.now
            let met = advance(to: deadline) { station in
                (try? wait.condition.evaluate { StationConditions.value(station, $0) }) == true
            }
            record(
                Verdict(
                    label: step.label ?? "wait \(wait.text)", location: Self.location(step), time: station.now,
                    passed: met,
                    detail: met
                        ? "met after \(station.now - started)"
                        : "not met within \(wait.timeout): \(describeKeys(of: wait.condition))"))
        case .expectState(let expectations):
            for e in expectations {
                let actual = StationConditions.value(station, e.key)
                let ok = actual.map { e.expected.matches($0) } ?? false
                record(
                    Verdict(
                        label: step.label.map { "\($0): \(e.key)" } ?? "expect \(e.key) \(e.expected)",
                        location: Self.location(step), time: station.now, passed: ok,
                        detail: "expected \(e.key) \(e.expected), found \(actual.map { "\($0)" } ?? "nothing")"))
            }
        case .never(let inv), .always(let inv):
            var isNever = false
            if case .never = step.kind { isNever = true }
            invariants.append(
                ActiveInvariant(
                    step: step, condition: inv.condition, text: inv.text, isNever: isNever, start: station.now,
                    end: inv.duration.map { station.now + $0 }))
            checkInvariants()
        case .rapi(let rapi):
            runRAPI(rapi, step: step)
        case .mqttPublish(let publish):
            for r in harness.receiveMQTT(topic: publish.topic, payload: Array(publish.payload.utf8), station: &station)
            {
                emit(r)
            }
            afterStep()
        case .expectMQTT(let expectation):
            runMQTTExpectation(expectation, step: step)
        }
    }
}
