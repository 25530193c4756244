import EVSEModel
import JSON

/// Decodes command payloads exactly as the legacy API module parses them
/// (everest-core `modules/API/API/API.cpp`: the `cmd/` handlers in `API::init()` and `API::ready()`).
///
/// Payloads are raw bytes, never pre-parsed. Nothing here throws: every payload becomes a
/// command, a command with a default, or a rejection whose reason the face logs and traces.
public enum EverestCommandDecoder {
    /// Decodes the payload of `cmd/<name>`.
    public static func decode(_ name: EverestCommandName, payload: [UInt8]) -> EverestCommandDecoding {
        switch name {
        case .enableDisable: enableDisable(payload)
        case .enable: legacyEnable(payload, state: .enable)
        case .disable: legacyEnable(payload, state: .disable)
        case .pauseCharging: .command(.pauseCharging)
        case .resumeCharging: .command(.resumeCharging)
        case .stopCharging: .command(.stopCharging)
        case .forceUnlock: forceUnlock(payload)
        case .setLimitAmps: setLimit(payload, makeCommand: EverestCommand.setLimitAmps)
        case .setLimitWatts: setLimit(payload, makeCommand: EverestCommand.setLimitWatts)
        case .setLimitAmpsPhases: setLimitAmpsPhases(payload)
        case .ukRandomDelay: ukRandomDelay(payload)
        case .ukRandomDelaySetMaxDuration: setMaxDuration(payload)
        }
    }

    /// Decodes a payload given as text.
    public static func decode(_ name: EverestCommandName, payload: String) -> EverestCommandDecoding {
        decode(name, payload: Array(payload.utf8))
    }

    /// `enable_disable`: a JSON object whose keys are all optional. Valid JSON that is not
    /// an object, and `{}`, mean "all defaults": enable connector 0 as LocalAPI with
    /// priority 100. Enum strings are case-sensitive.
    static func enableDisable(_ payload: [UInt8]) -> EverestCommandDecoding {
        guard !payload.isEmpty else { return .rejected(reason: "enable_disable: no argument specified") }
        let json: JSONValue
        do {
            json = try JSONParser(policy: .nlohmann).parse(payload, file: "payload")
        } catch {
            return .rejected(reason: "enable_disable: not JSON (\(error))")
        }
        var connectorID: Int32 = 0
        var row = EnableDisableRow(source: .localAPI, state: .enable, priority: 100)
        // `contains` is false for anything that is not an object.
        guard let object = json.objectValue else { return .command(.enableDisable(connectorID: 0, row: row)) }
        do {
            if let value = object["connector_id"] { connectorID = try value.cInt() }
            if let value = object["source"] {
                let text = try value.cString()
                guard let source = EnableDisableSource(rawValue: text) else {
                    return .rejected(reason: "enable_disable: unknown source \"\(text)\" (case-sensitive)")
                }
                row.source = source
            }
            if let value = object["state"] {
                let text = try value.cString()
                guard let state = EnableState(rawValue: text) else {
                    return .rejected(
                        reason: "enable_disable: unknown state \"\(text)\" (expected Enable, Disable or Unassigned)")
                }
                row.state = state
            }
            if let value = object["priority"] { row.priority = Int(try value.cInt()) }
        } catch {
            return .rejected(reason: "enable_disable: \(error)")
        }
        return .command(.enableDisable(connectorID: Int(connectorID), row: row))
    }

    /// `enable` / `disable`: a connector id read with `std::stoi`.
    static func legacyEnable(_ payload: [UInt8], state: EnableState) -> EverestCommandDecoding {
        let name = state == .enable ? "enable" : "disable"
        guard !payload.isEmpty else { return .rejected(reason: "\(name): no argument specified") }
        switch CNumberParsing.stoi(payload) {
        case .success(let id):
            let row = EnableDisableRow(source: .localAPI, state: state, priority: 100)
            return .command(.enableDisable(connectorID: Int(id), row: row))
        case .failure(let failure):
            return .rejected(reason: "\(name): cannot parse connector id (\(describe(failure, "stoi")))")
        }
    }

    /// `force_unlock`: connector id by `std::stoi`, 1 when empty or unparsable.
    static func forceUnlock(_ payload: [UInt8]) -> EverestCommandDecoding {
        guard !payload.isEmpty else { return .command(.forceUnlock(connectorID: 1)) }
        switch CNumberParsing.stoi(payload) {
        case .success(let id): return .command(.forceUnlock(connectorID: Int(id)))
        case .failure(let failure):
            return .defaulted(
                .forceUnlock(connectorID: 1),
                reason: "force_unlock: cannot parse connector id (\(describe(failure, "stoi"))), using 1")
        }
    }

    /// `set_limit_amps` / `set_limit_watts`: `std::stof`.
    static func setLimit(_ payload: [UInt8], makeCommand: (Double) -> EverestCommand) -> EverestCommandDecoding {
        switch CNumberParsing.stof(payload) {
        case .success(let value): return .command(makeCommand(Double(value)))
        case .failure(.noConversion):
            return .rejected(reason: "invalid limit: no conversion of the given input could be performed")
        case .failure(.outOfRange):
            // The module catches only std::invalid_argument here (`set_limit_*` handlers in `API::ready()`).
            return .rejected(
                reason: "limit out of float range: std::stof throws std::out_of_range, which the real API "
                    + "module does not catch (it would crash)")
        }
    }

    /// `set_limit_amps_phases`: `{"amps": number, "phases": 1 or 3}`, both required.
    static func setLimitAmpsPhases(_ payload: [UInt8]) -> EverestCommandDecoding {
        let json: JSONValue
        do {
            json = try JSONParser(policy: .nlohmann).parse(payload, file: "payload")
        } catch {
            return .rejected(reason: "set_limit_amps_phases: not JSON (\(error))")
        }
        guard let object = json.objectValue, let ampsValue = object["amps"], let phasesValue = object["phases"] else {
            return .rejected(reason: "set_limit_amps_phases: missing amps or phases")
        }
        let amps: Float
        let phases: Int32
        do {
            amps = try ampsValue.cFloat()
            phases = try phasesValue.cInt()
        } catch {
            return .rejected(reason: "set_limit_amps_phases: \(error)")
        }
        guard phases == 1 || phases == 3 else {
            return .rejected(reason: "set_limit_amps_phases: out of range: invalid phase count \(phases)")
        }
        return .command(.setLimitAmpsPhases(amps: Double(amps), phases: Int(phases)))
    }

    /// `uk_random_delay`: exactly `enable`, `disable` or `cancel`; anything else is silently
    /// ignored by the real module.
    static func ukRandomDelay(_ payload: [UInt8]) -> EverestCommandDecoding {
        let text = String(decoding: payload, as: UTF8.self)
        guard let action = UKRandomDelayCommand(rawValue: text), Array(text.utf8) == payload else {
            return .rejected(reason: "uk_random_delay: expected exactly enable, disable or cancel (silently ignored)")
        }
        return .command(.ukRandomDelay(action))
    }

    /// `uk_random_delay_set_max_duration_s`: `std::stoi`, 600 when unparsable.
    static func setMaxDuration(_ payload: [UInt8]) -> EverestCommandDecoding {
        switch CNumberParsing.stoi(payload) {
        case .success(let seconds): return .command(.ukRandomDelaySetMaxDuration(seconds: Int(seconds)))
        case .failure(let failure):
            return .defaulted(
                .ukRandomDelaySetMaxDuration(seconds: 600),
                reason: "uk_random_delay_set_max_duration_s: cannot parse (\(describe(failure, "stoi"))), using 600")
        }
    }

    private static func describe(_ failure: CNumberParsing.Failure, _ function: String) -> String {
        switch failure {
        case .noConversion: "\(function): no conversion"
        case .outOfRange: "\(function): out of range"
        }
    }
}
