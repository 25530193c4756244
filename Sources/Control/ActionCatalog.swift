import EVSEModel
import JSON
import RAPI
import Scenario

/// The actions the control API takes, with their parameters: the scenario file's `do` names.
///
/// Each parameter has a JSON schema (OpenAPI 3.0 dialect) taken from the enumerations the
/// scenario reader checks against, so the API description and the dashboard's forms list the
/// same fault names, statuses and sources the reader accepts.
enum ActionCatalog {
    /// `{"actions": [{"do": "setSoc", "parameters": {"soc": {schema}}, "required": ["soc"]}, …]}`.
    static let json: JSONValue = {
        var object = JSONObject()
        object["actions"] = .array(
            ScenarioAction.Name.allCases.map { name in
                var entry = JSONObject()
                entry["do"] = .string(name.rawValue)
                entry["parameters"] = .object(parameters(of: name))
                entry["required"] = .array(name.requiredParameters.map { .string($0) })
                return .object(entry)
            })
        return .object(object)
    }()

    /// The request body's schema for one action: `do` fixed, its parameters, nothing else.
    static func requestSchema(_ name: ScenarioAction.Name) -> JSONValue {
        var properties = JSONObject()
        properties["do"] = ["type": "string", "enum": [.string(name.rawValue)]]
        for member in parameters(of: name).members { properties[member.key] = member.value }
        return [
            "type": "object", "title": .string(name.rawValue), "properties": .object(properties),
            "required": .array((["do"] + name.requiredParameters).map { .string($0) }),
            "additionalProperties": false,
        ]
    }

    /// Each parameter of `name` with its schema, in the reader's order.
    static func parameters(of name: ScenarioAction.Name) -> JSONObject {
        var object = JSONObject()
        for parameter in name.parameters { object[parameter] = schema(of: parameter, in: name) }
        return object
    }

    static func schema(of parameter: String, in name: ScenarioAction.Name) -> JSONValue {
        switch (name, parameter) {
        case (_, "soc"): return ["type": "number", "minimum": 0, "maximum": 1]
        case (_, "on"), (_, "active"): return ["type": "boolean"]
        case (_, "celsius"): return ["type": "number", "description": "°C"]
        case (.serialFault, "fault"): return names(RAPISerialFault.Name.allCases.map(\.rawValue))
        case (.systemFault, "fault"): return names(SystemFault.allCases.map(\.rawValue))
        case (_, "fault"): return names(StationFaultKind.allCases.map(\.rawValue))
        case (_, "for"), (_, "delay"): return duration
        case (.setCurrent, "amps"): return count
        case (_, "interval"): return ["type": "integer", "minimum": 0, "maximum": 65535]
        case (_, "current"): return ["type": "integer", "minimum": 0, "maximum": 255]
        case (_, "seconds"): return ["type": "integer", "minimum": 0, "maximum": .int(Int(Int32.max))]
        case (.setCurrent, "mode"):
            return names([Station.CapacityMode.persistent, .volatile].map(\.rawValue))
        case (_, "amps"), (_, "watts"): return ["type": "number", "minimum": 0]
        case (_, "phases"): return ["type": "integer", "enum": [1, 3]]
        case (_, "source"): return names(EnableDisableSource.allCases.map(\.rawValue))
        case (_, "state"): return names(EnableState.allCases.map(\.rawValue))
        case (_, "priority"): return ["type": "integer", "minimum": 0, "maximum": 10_000]
        case (_, "command"): return names(UKRandomDelayCommand.allCases.map(\.rawValue))
        case (_, "status"): return names(OCPPStatus.allCases.map(\.rawValue))
        default: return [:]
        }
    }

    private static func names(_ values: [String]) -> JSONValue {
        ["type": "string", "enum": .array(values.map { .string($0) })]
    }

    private static let duration: JSONValue = [
        "type": "string", "pattern": "^[0-9]+(\\.[0-9]+)?(ms|s|m|h|d)$",
        "description": "a duration as in scenario files: 500ms, 30s, 5m, 2h",
    ]

    private static let count: JSONValue = ["type": "integer", "minimum": 0]
}
