import Foundation
import Scenario

/// The test stand-in for the station's key list and the profile loader's names.
enum TestCatalog {
    static let keys: [String: ConditionKeyInfo] = [
        "evse.state": .state(["A", "B", "C", "D", "E", "F"], summary: "control-pilot state"),
        "session.state": .state(
            ["Unplugged", "Preparing", "Charging", "ChargingPausedEV", "ChargingPausedEVSE", "Finished"]),
        "relay": .state(["open", "closed"]),
        "vehicle.soc": .number(.ratio),
        "vehicle.connected": .bool(),
        "meter.power": .number(.watts),
        "meter.energy": .number(.wattHours),
        "meter.current": .number(.amperes),
        "meter.voltage": .number(.volts),
        "evse.offered": .number(.amperes),
        "station.temperature": .number(.celsius),
        "session.duration": .number(.seconds),
        "evse.firmware": .string(),
        "evse.faultCount": .number(),
    ]

    static let catalog = ScenarioCatalog(
        stationProfiles: ["openevse-8.2.3-uk", "openevse-8.2.3-eu", "openevse-d9-9.4.0", "everest-2026"],
        vehicleProfiles: ["compact-40kwh-1ph", "suv-90kwh-3ph"],
        conditionKeys: keys)
}

/// Reads fixture files shipped in the test bundle.
enum Fixtures {
    static let root = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: root.appendingPathComponent(name)))
    }

    static func names(in folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)
            .filter { $0.hasSuffix(".json") }.sorted()
    }

    /// Loads `name` as a scenario; `nil` error means it loaded.
    static func load(_ name: String) throws -> Result<ScenarioDocument, ScenarioValidationError> {
        let data = try bytes(name)
        return Result { () throws(ScenarioValidationError) in
            try ScenarioDocument(parsing: data, file: name, catalog: TestCatalog.catalog)
        }
    }
}
