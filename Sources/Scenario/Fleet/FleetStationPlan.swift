public import EVSEModel
public import SimCore

/// What one station of a fleet is and does: its profiles, and when its EV arrives and leaves.
///
/// Plans are drawn per station index (see ``FleetDocument/plan(for:)``), so station `k` has the
/// same plan whatever the fleet's size or the shard that serves it.
public struct FleetStationPlan: Sendable {
    /// The station's global index in the fleet.
    public var index: Int
    /// The station profile, overrides applied.
    public var station: StationProfile
    /// The EV's profile, with the drawn target SoC applied.
    public var vehicle: VehicleProfile
    /// The vehicle profile's name, for banners and logs.
    public var vehicleName: String
    /// When the EV plugs in, from the start; nil: it never does.
    public var plug: SimDuration?
    /// When it unplugs, from the start; nil: it stays.
    public var unplug: SimDuration?

    /// Creates a plan.
    public init(
        index: Int, station: StationProfile, vehicle: VehicleProfile, vehicleName: String, plug: SimDuration?,
        unplug: SimDuration?
    ) {
        self.index = index
        self.station = station
        self.vehicle = vehicle
        self.vehicleName = vehicleName
        self.plug = plug
        self.unplug = unplug
    }

    /// The plug and unplug as a background scenario for ``LiveStation`` (no checks), or nil
    /// when the EV never arrives.
    /// - Parameter file: The fleet file's name, for the scenario's records.
    public func backgroundScenario(file: String, seed: UInt64, start: WallTime) -> ScenarioDocument? {
        guard let plug else { return nil }
        var steps = [ScenarioStep(kind: .action(.station(.plug)), timing: .fromStart(plug), label: "arrival")]
        if let unplug {
            steps.append(ScenarioStep(kind: .action(.station(.unplug)), timing: .fromStart(unplug), label: "departure"))
        }
        return ScenarioDocument(
            file: file, name: "fleet station \(index)", seed: seed, start: start,
            station: ProfileSelection(profile: station.id), steps: steps, end: .afterLastStep(.zero))
    }
}
