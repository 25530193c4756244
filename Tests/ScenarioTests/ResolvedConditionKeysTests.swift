import EVSEModel
import SimCore
import Testing

@testable import Scenario

/// Conditions evaluated with their keys resolved once decide as they do key by key by name.
@Suite struct ResolvedConditionKeysTests {
    static let conditions = [
        "evse.state == C", "relay == closed && vehicle.current > 6A", "!(pilot == A) || meter.power >= 1kW",
        "vehicle.soc >= 50% && (everest.phase == charging || evse.state == B)", "temperature < 60 && powered == true",
        "offered.amps == 32 || uk.remaining > 0s",
    ]

    /// A station unplugged, then plugged and charging for a while, then unplugged again.
    static func stations() -> [Station] {
        var station = Station(profile: StationProfile(), vehicle: VehicleProfile(), seed: 3)
        var out = [station]
        station.apply(.plug)
        for minutes in [1, 10, 30] {
            station.run(until: .zero + .minutes(Int64(minutes)))
            out.append(station)
        }
        station.apply(.unplug)
        station.run(until: station.now + .seconds(5))
        out.append(station)
        return out
    }

    @Test(arguments: conditions)
    func decidesAsTheKeyByNameEvaluation(text: String) throws {
        let condition = try Condition(parsing: text, keys: StationConditions.keys)
        let keys = ResolvedConditionKeys(condition)
        var outcomes: Set<Bool?> = []
        for var station in Self.stations() {
            let byName = StationConditions.holds(condition, on: station)
            #expect(StationConditions.holds(on: &station, keys: keys) == byName, "\(text) at \(station.now)")
            outcomes.insert(byName)
        }
        #expect(!outcomes.contains(nil), "every key of \(text) has a value")
    }

    /// Conditions validation would refuse (a key the station lacks, a type it does not give)
    /// fail the same way resolved, and only where the short-circuiting evaluation reaches them.
    static let unvalidated: [Condition] = [
        .compare(key: "no.such.key", .equal, .bool(true)),
        .compare(key: "relay", .less, .string("closed")),
        .compare(key: "powered", .equal, .number(1)),
        .or(.compare(key: "powered", .equal, .bool(true)), .compare(key: "no.such.key", .equal, .bool(true))),
        .and(.compare(key: "powered", .equal, .bool(false)), .compare(key: "no.such.key", .equal, .bool(true))),
        .and(.compare(key: "powered", .equal, .bool(true)), .compare(key: "no.such.key", .equal, .bool(true))),
        .not(.compare(key: "relay", .notEqual, .string("open"))),
    ]

    @Test(arguments: unvalidated)
    func failsAsTheKeyByNameEvaluation(condition: Condition) {
        let keys = ResolvedConditionKeys(condition)
        for var station in Self.stations() {
            let byName = StationConditions.holds(condition, on: station)
            #expect(StationConditions.holds(on: &station, keys: keys) == byName, "\(condition) at \(station.now)")
        }
    }

    @Test func everyQueryKeyHasAResolvedName() {
        #expect(Set(Station.queryKeys.map(\.name)) == Set(QueryName.allCases.map(\.rawValue)))
        let station = Self.stations()[2]
        for name in QueryName.allCases { #expect(station.query(name.rawValue) == station.query(name)) }
    }
}
