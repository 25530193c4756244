/// The names a scenario may use, supplied by whoever knows them (profile loader, station
/// model), so that validation can check every name before anything runs.
public struct ScenarioCatalog: Sendable {
    /// Valid `station.profile` names.
    public var stationProfiles: [String]
    /// Valid `vehicle.profile` names.
    public var vehicleProfiles: [String]
    /// Keys that conditions and `expect` steps may read.
    public var conditionKeys: [String: ConditionKeyInfo]
    /// How many steps and how long a span a scenario may have.
    public var limits: ScenarioLimits

    /// Creates a catalog.
    public init(
        stationProfiles: [String], vehicleProfiles: [String], conditionKeys: [String: ConditionKeyInfo],
        limits: ScenarioLimits = .standard
    ) {
        self.stationProfiles = stationProfiles
        self.vehicleProfiles = vehicleProfiles
        self.conditionKeys = conditionKeys
        self.limits = limits
    }
}
