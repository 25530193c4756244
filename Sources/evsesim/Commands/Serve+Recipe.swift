import JSON
import Live
import Scenario
import Transport

extension EVSESim.Serve {
    /// What rebuilds this session (`evsesim replay`): the profiles as resolved, the options, the
    /// background scenario's content.
    func sessionRecipe(_ configuration: LiveFleetConfiguration, library: ProfileLibrary) throws -> SessionRecipe {
        let stationSelection =
            configuration.scenario?.station ?? ProfileSelection(profile: station ?? "openevse-8.2.3-us")
        let vehicleSelection = configuration.scenario.map(\.vehicle) ?? vehicle.map { ProfileSelection(profile: $0) }
        var recipe = SessionRecipe(
            station: library.resolvedStationJSON(stationSelection) ?? .object([:]),
            vehicle: library.resolvedVehicleJSON(vehicleSelection) ?? .object([:]))
        recipe.stations = configuration.count
        recipe.flavor = configuration.flavor.rawValue
        recipe.evseID = configuration.evseID
        recipe.systemID = configuration.systemID
        recipe.powerOn = configuration.powerOn
        recipe.traceTelemetry = configuration.traceTelemetry
        if let scenario {
            recipe.scenarioFile = scenario
            recipe.scenario = String(decoding: try TextFile.read(scenario), as: UTF8.self)
        }
        var served = JSONObject()
        served["speed"] = .string("\(speed)")
        served["pty"] = configuration.ptyPath.map(JSONValue.string) ?? .null
        served["mqtt"] = configuration.mqtt.map { .string($0.redactedURL) } ?? .null
        served["baudPacing"] = .bool(baudPacing)
        served["guardEcho"] = .bool(guardEcho)
        recipe.served = served
        return recipe
    }
}
