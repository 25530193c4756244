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
            apply(action)
            afterStep()
        case .wait(let wait):
            let deadline = station.now + wait.timeout
            let started = station.now
            let met = advance(to: deadline) { station in
                (try? wait.condition.evaluate { StationConditions.value(station, $0) }) == true
            }
            record(
                Verdict(
                    label: step.label ?? "wait \(wait.text)", location: Self.location(step), time: station.now, passed: met,
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
            for r in harness.receiveMQTT(topic: publish.topic, payload: Array(publish.payload.utf8), station: &station) {
                emit(r)
            }
            afterStep()
        case .expectMQTT(let expectation):
            runMQTTExpectation(expectation, step: step)
        }
    }

    /// Applies a scenario action to the station.
    mutating func apply(_ action: ScenarioAction) {
        switch action {
        case .plug: station.apply(.plug)
        case .unplug: station.apply(.unplug)
        case .evPause: station.apply(.evPause)
        case .evResume: station.apply(.evResume)
        case .setSoc(let s): station.apply(.setSoc(s))
        case .setTargetSoc(let s): station.apply(.setTargetSoc(s))
        case .ventilation(let on): station.apply(.ventilation(on))
        case .setAmbient(let c): station.apply(.setAmbient(celsius: c))
        case .fault(let f): station.apply(.injectFault(f))
        case .clearFault(let f): station.apply(.clearFault(f))
        case .powerCut(let d): station.apply(.powerCut(d))
        case .powerRestore: station.apply(.powerRestore)
        case .evOverdraw(let a): station.apply(.evOverdraw(amps: a))
        case .setCurrent(let amps, let mode):
            station.setCurrentCapacity(amps, mode: mode == .persistent ? .persistent : .volatile)
        case .enable: station.enable()
        case .disable: station.disable()
        case .sleep: station.sleep()
        case .heartbeat(let interval, let current): _ = station.setHeartbeat(interval: interval, current: current)
        case .heartbeatPulse: _ = station.heartbeatPulse()
        case .setLimit(let limit):
            switch limit {
            case .amps(let a): station.setExternalLimit(amps: a)
            case .watts(let w): station.setExternalLimit(amps: nil, watts: w)
            case .ampsOnPhases(let a, let p): station.setExternalLimit(amps: a, phases: p)
            }
        case .enableDisable(let source, let state, let priority):
            station.enableDisable(EnableDisableRow(source: source, state: state, priority: priority))
        case .pauseCharging: station.pauseCharging()
        case .resumeCharging: station.resumeCharging()
        case .stopCharging: station.stopTransaction()
        case .ukRandomDelay(let c): station.ukRandomDelay(c)
        case .ukRandomDelayMax(let s): station.setRandomDelayMax(seconds: s)
        case .ocppStatus(let s): station.setOCPPStatus(s.rawValue)
        }
    }
}
