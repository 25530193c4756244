public import EVSEModel
public import SimCore

/// The `generator` of a fleet file: `count` alike stations whose EVs differ by a seeded draw.
///
/// Station `k` draws, in this order, its vehicle (by weight), its arrival (plug), its stay (so
/// departure = arrival + stay) and its target SoC from the stream `fleet.station-k` under the
/// master seed. Nothing else feeds the draw, so station `k` is the same in a fleet of 10 or
/// 10,000, and in whichever shard serves it.
public struct FleetGenerator: Sendable {
    /// One entry of `vehicles`.
    public struct VehicleChoice: Sendable {
        /// The profile's name.
        public var name: String
        /// The profile, overrides applied.
        public var profile: VehicleProfile
        /// The relative weight (≥ 1).
        public var weight: Int

        /// Creates a choice.
        public init(name: String, profile: VehicleProfile, weight: Int) {
            self.name = name
            self.profile = profile
            self.weight = weight
        }
    }

    /// How many stations.
    public var count: Int
    /// Every station's profile.
    public var station: StationProfile
    /// The EVs, drawn by weight.
    public var vehicles: [VehicleChoice]
    /// The window arrivals fall in, from the start (whole seconds).
    public var arrivals: ClosedRange<SimDuration>
    /// How long an EV stays; nil: it never leaves.
    public var stay: ClosedRange<SimDuration>?
    /// The range target SoCs are drawn from; nil keeps each vehicle profile's.
    public var targetSoc: ClosedRange<Double>?

    /// Creates a generator.
    public init(
        count: Int, station: StationProfile, vehicles: [VehicleChoice], arrivals: ClosedRange<SimDuration>,
        stay: ClosedRange<SimDuration>?, targetSoc: ClosedRange<Double>?
    ) {
        precondition(!vehicles.isEmpty && vehicles.allSatisfy { $0.weight >= 1 }, "weighted vehicles needed")
        self.count = count
        self.station = station
        self.vehicles = vehicles
        self.arrivals = arrivals
        self.stay = stay
        self.targetSoc = targetSoc
    }

    /// Station `index`'s plan under `seed`.
    public func plan(for index: Int, seed: UInt64) -> FleetStationPlan {
        var rng = RandomStream(seed: seed, name: "fleet.station-\(index)")
        let total = vehicles.reduce(0) { $0 + $1.weight }
        var ticket = Int(rng.next() % UInt64(total))
        var choice = vehicles[0]
        for candidate in vehicles {
            if ticket < candidate.weight {
                choice = candidate
                break
            }
            ticket -= candidate.weight
        }
        let plug = Self.draw(arrivals, &rng)
        let stayed = stay.map { Self.draw($0, &rng) }
        var vehicle = choice.profile
        if let targetSoc {
            let drawn = targetSoc.lowerBound + rng.nextUnit() * (targetSoc.upperBound - targetSoc.lowerBound)
            // Three decimals keep banners and traces readable; the draw stays in the range.
            vehicle.targetSoc = min(targetSoc.upperBound, max(targetSoc.lowerBound, (drawn * 1000).rounded() / 1000))
        }
        return FleetStationPlan(
            index: index, station: station, vehicle: vehicle, vehicleName: choice.name, plug: plug,
            unplug: stayed.map { plug + $0 })
    }

    /// A uniform whole number of seconds within `range`.
    private static func draw(_ range: ClosedRange<SimDuration>, _ rng: inout RandomStream) -> SimDuration {
        let low = range.lowerBound.wholeSeconds
        let span = UInt64(max(0, range.upperBound.wholeSeconds - low))
        return .seconds(low + Int64(rng.next() % (span + 1)))
    }
}
