import JSON

extension ScenarioAction {
    /// Reads an action written as a scenario's `do` step without its timing, e.g.
    /// `{"do": "setSoc", "soc": 0.5}`: the same names, parameters and checks as in a scenario
    /// file, for drivers that act on a station from outside (the control API, replay).
    /// - Parameters:
    ///   - json: The action object.
    ///   - file: How the source is named in messages (e.g. `request body`).
    /// - Throws: ``ScenarioValidationError`` with every issue found.
    public init(json: JSONValue, file: String) throws(ScenarioValidationError) {
        let catalog = ScenarioCatalog(stationProfiles: [], vehicleProfiles: [], conditionKeys: [:])
        var reader = ScenarioReader(file: file, catalog: catalog)
        let action = reader.readAction(JSONNode(json), stepKeys: [])
        try reader.reader.check()
        guard let action else {
            throw ScenarioValidationError(
                file: file,
                issues: [
                    ScenarioIssue(
                        at: json.location, file: file, path: .root,
                        expected: #"an action object like {"do": "plug"}"#, found: json.foundDescription)
                ])
        }
        self = action
    }
}
