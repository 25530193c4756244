import JSON
import Scenario

/// The actions the control API takes, with their parameters: the scenario file's `do` names.
enum ActionCatalog {
    /// `{"actions": [{"do": "setSoc", "parameters": ["soc"], "required": ["soc"]}, …]}`.
    static let json: JSONValue = {
        var object = JSONObject()
        object["actions"] = .array(
            ScenarioAction.Name.allCases.map { name in
                var entry = JSONObject()
                entry["do"] = .string(name.rawValue)
                entry["parameters"] = .array(name.parameters.map { .string($0) })
                entry["required"] = .array(name.requiredParameters.map { .string($0) })
                return .object(entry)
            })
        return .object(object)
    }()
}
