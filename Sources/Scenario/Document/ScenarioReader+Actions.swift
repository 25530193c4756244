import EVSEModel
import JSON
import RAPI

extension ScenarioReader {
    /// `{"do": "<action>", …parameters}`; `stepKeys` are the keys a step adds (`at`, `label`).
    mutating func readAction(_ node: JSONNode, stepKeys: [String] = ["at", "label"]) -> ScenarioAction? {
        guard let doValue = node.value["do"],
            let name = reader.name(
                JSONNode(doValue, path: node.path.appending("do")), as: ScenarioAction.Name.self, expected: "an action")
        else { return nil }
        guard
            let f = reader.fields(
                node, of: "a \"\(name.rawValue)\" action", allowed: ["do"] + name.parameters + stepKeys,
                required: name.requiredParameters)
        else { return nil }
        switch name {
        case .plug: return .station(.plug)
        case .unplug: return .station(.unplug)
        case .evPause: return .station(.evPause)
        case .evResume: return .station(.evResume)
        case .powerRestore: return .station(.powerRestore)
        case .enable: return .station(.enable)
        case .disable: return .station(.disable)
        case .sleep: return .station(.sleep)
        case .heartbeatPulse: return .station(.heartbeatPulse)
        case .pauseCharging: return .station(.pauseCharging)
        case .resumeCharging: return .station(.resumeCharging)
        case .stopCharging: return .station(.stopCharging)
        case .authorize: return .station(.authorize)
        case .reserve: return .station(.reserve)
        case .cancelReservation: return .station(.cancelReservation)
        case .setSoc: return f["soc"].flatMap { reader.number($0, in: 0...1) }.map { .station(.setSoc($0)) }
        case .setTargetSoc: return f["soc"].flatMap { reader.number($0, in: 0...1) }.map { .station(.setTargetSoc($0)) }
        case .ventilation: return f["on"].flatMap { reader.bool($0) }.map { .station(.ventilation(on: $0)) }
        case .setAmbient:
            return f["celsius"].flatMap { reader.number($0, expected: "a temperature in °C") }.map {
                .station(.setAmbient(celsius: $0))
            }
        case .fault:
            return f["fault"].flatMap { reader.name($0, as: StationFaultKind.self, expected: "a fault") }.map {
                .station(.injectFault($0))
            }
        case .clearFault:
            return f["fault"].flatMap { reader.name($0, as: StationFaultKind.self, expected: "a fault") }.map {
                .station(.clearFault($0))
            }
        case .powerCut:
            guard let node = f["for"] else { return .station(.powerCut(for: nil)) }
            return reader.duration(node, allowZero: false).map { .station(.powerCut(for: $0)) }
        case .evOverdraw:
            return f["amps"].flatMap { reader.number($0, atLeast: 0) }.map { .station(.evOverdraw(amps: $0)) }
        case .setCurrent: return readSetCurrent(f).map { .station($0) }
        case .heartbeat:
            // The firmware keeps the interval in 16 bits and the current in a byte, as `$SY` reads them.
            let interval = f["interval"].flatMap {
                reader.integer($0, in: 0...65535, expected: "a whole number of seconds 0…65535")
            }
            let current = f["current"].flatMap {
                reader.integer($0, in: 0...255, expected: "a whole number of amperes 0…255")
            }
            guard let interval, let current else { return nil }
            return .station(.heartbeat(intervalSeconds: Int(interval), fallbackAmps: Int(current)))
        case .setLimit: return readSetLimit(f).map { .station($0) }
        case .enableDisable:
            let source = f["source"].flatMap {
                reader.name(
                    $0, as: EnableDisableSource.self, expected: "an EVerest enable/disable source (case-sensitive)")
            }
            let state = f["state"].flatMap {
                reader.name(
                    $0, as: EnableState.self, expected: "an EVerest enable/disable state (case-sensitive)")
            }
            let priority = f["priority"].flatMap { reader.integer($0, in: 0...10_000) }
            guard let source, let state, let priority else { return nil }
            return .station(.enableDisable(source: source, state: state, priority: Int(priority)))
        case .ukRandomDelay:
            return f["command"].flatMap {
                reader.name($0, as: UKRandomDelayCommand.self, expected: "a UK random delay command")
            }
            .map { .station(.ukRandomDelay($0)) }
        case .ukRandomDelayMax:
            return f["seconds"].flatMap {
                // EVerest reads the command's payload with std::stoi: an int.
                reader.integer($0, in: 0...Int64(Int32.max), expected: "a whole number of seconds 0…2147483647")
            }
            .map { .station(.ukRandomDelayMax(seconds: Int($0))) }
        case .ocppStatus:
            return f["status"].flatMap { reader.name($0, as: OCPPStatus.self, expected: "an OCPP status") }.map {
                .station(.ocppStatus($0))
            }
        case .serialFault: return readSerialFault(f)
        case .systemFault:
            let fault = f["fault"].flatMap { reader.name($0, as: SystemFault.self, expected: "a system fault") }
            let active = f["active"].map { reader.bool($0) } ?? true
            guard let fault, let active else { return nil }
            return .station(.systemFault(fault, active: active))
        }
    }

    /// `{"do": "serialFault", "fault": "corrupt" | "drop" | "delay" | "reset", "delay": "2s"}`.
    private mutating func readSerialFault(_ f: ObjectFields) -> ScenarioAction? {
        guard let node = f["fault"],
            let kind = reader.name(node, as: RAPISerialFault.Name.self, expected: "a serial-line fault")
        else { return nil }
        let delayNode = f["delay"]
        switch kind {
        case .corrupt, .drop, .reset:
            if let delayNode {
                reader.report(delayNode, expected: "no \"delay\" (it goes with \"fault\": \"delay\")")
                return nil
            }
            return .serialFault(
                kind == .corrupt ? .corruptNextReply : kind == .drop ? .dropNextReply : .resetController)
        case .delay:
            guard let delayNode else {
                reader.report(node, expected: "a \"delay\" duration beside \"fault\": \"delay\"", found: "none")
                return nil
            }
            return reader.duration(delayNode, allowZero: false).map { .serialFault(.delayNextReply($0)) }
        }
    }

    private mutating func readSetCurrent(_ f: ObjectFields) -> StationAction? {
        let amps = f["amps"].flatMap {
            reader.integer($0, in: 0...Int64.max, expected: "a whole number of amperes ≥ 0")
        }
        var mode = Station.CapacityMode.persistent
        if let node = f["mode"] {
            // A scenario sets the current as `$SC n` or `$SC n V` do; `$SC n M` is a RAPI matter.
            let modes = [Station.CapacityMode.persistent, .volatile].map(\.rawValue)
            guard let name = reader.name(node, among: modes, expected: "a setting mode"),
                let m = Station.CapacityMode(rawValue: name)
            else { return nil }
            mode = m
        }
        return amps.map { .setCurrent(amps: Int($0), mode: mode) }
    }

    /// `{"amps": n}`, `{"watts": n}` or `{"amps": n, "phases": 1|3}`.
    private mutating func readSetLimit(_ f: ObjectFields) -> StationAction? {
        if let watts = f["watts"], f.contains("amps") {
            reader.report(watts, expected: #"either "amps" or "watts" in a setLimit action"#, found: "both")
            return nil
        }
        if let phases = f["phases"], !f.contains("amps") {
            reader.report(phases, expected: #""phases" only together with "amps""#)
            return nil
        }
        if let watts = f["watts"] { return reader.number(watts, atLeast: 0).map { .setLimit(.watts($0)) } }
        guard let ampsNode = f["amps"] else {
            reader.report(f.node, expected: #"a limit: "amps" or "watts""#, found: "a setLimit action with neither")
            return nil
        }
        let amps = reader.number(ampsNode, atLeast: 0)
        guard let phasesNode = f["phases"] else { return amps.map { .setLimit(.amps($0)) } }
        var phases = reader.integer(phasesNode, in: 1...3, expected: "1 or 3 phases")
        if phases == 2 {
            reader.report(phasesNode, expected: "1 or 3 phases")
            phases = nil
        }
        guard let amps, let phases else { return nil }
        return .setLimit(.ampsOnPhases(amps, phases: Int(phases)))
    }
}
