import Foundation
import Scenario
import SimCore
import Testing

@testable import Live
@testable import Transport

/// Fleet files: the examples, the draws, and located errors like scenario files.
@Suite("Fleet files")
struct FleetDocumentTests {
    static func parse(_ text: String) throws -> FleetDocument {
        try FleetDocument(parsing: Array(text.utf8), file: "fleet.json", library: LiveSetup.library())
    }

    static func generator(count: Int, extra: String = "") -> String {
        """
        { "schema": "evsesim/fleet@1", "seed": 5, "start": "2026-03-02T16:00:00Z",
          "generator": { "count": \(count), "station": { "profile": "openevse-8.2.3-eu" },
            "vehicles": [ { "profile": "compact-40kwh-1ph", "weight": 3 }, { "profile": "phev-13kwh-1ph-16a" } ],
            "arrivals": { "from": "17:00", "to": "21:00" }, "stay": { "min": "2h", "max": "12h" },
            "targetSoc": { "min": 0.6, "max": 1.0 }\(extra) } }
        """
    }

    @Test("the example fleet files are valid", arguments: ["evening-car-park.json", "three-bays.json"])
    func examples(name: String) throws {
        let path = LiveSetup.profiles + "/fleets/" + name
        let document = try FleetDocument(parsing: TextFile.read(path), file: path, library: LiveSetup.library())
        #expect(document.count > 0)
    }

    @Test("station k's plan depends on the seed and k only, never on the count")
    func plansIndependentOfCount() throws {
        let small = try Self.parse(Self.generator(count: 10))
        let large = try Self.parse(Self.generator(count: 5000))
        for k in 0..<10 {
            let a = small.plan(for: k)
            let b = large.plan(for: k)
            #expect(a.plug == b.plug && a.unplug == b.unplug && a.vehicleName == b.vehicleName)
            #expect(a.vehicle.targetSoc == b.vehicle.targetSoc)
        }
        var reseeded = large
        reseeded.seed = 6
        #expect((0..<10).contains { reseeded.plan(for: $0).plug != large.plan(for: $0).plug })
    }

    @Test("draws stay in their ranges; clock times count from the start (16:00 UTC)")
    func drawsInRange() throws {
        let fleet = try Self.parse(Self.generator(count: 2000))
        var vehicles: [String: Int] = [:]
        for k in 0..<fleet.count {
            let plan = fleet.plan(for: k)
            let plug = try #require(plan.plug)
            let unplug = try #require(plan.unplug)
            #expect(plug >= .hours(1) && plug <= .hours(5), "17:00…21:00 is 1 h…5 h after 16:00")
            #expect(unplug - plug >= .hours(2) && unplug - plug <= .hours(12))
            #expect((0.6...1.0).contains(plan.vehicle.targetSoc))
            vehicles[plan.vehicleName, default: 0] += 1
        }
        let compact = Double(vehicles["compact-40kwh-1ph", default: 0]) / 2000
        #expect(abs(compact - 0.75) < 0.05, "weights 3:1 → about 75 % compact, got \(compact)")
    }

    @Test(
        "malformed fleets are rejected with file:line:column and path",
        arguments: [
            (#"{"schema": "evsesim/fleet@2", "stations": []}"#, "$.schema"),
            (#"{"schema": "evsesim/fleet@1"}"#, "neither"),
            (
                #"{"schema": "evsesim/fleet@1", "stations": [{"station": {"profile": "openevse-8.2.3-uss"}}]}"#,
                "did you mean \"openevse-8.2.3-us\""
            ),
            (
                #"{"schema": "evsesim/fleet@1", "stations": [{"station": {"profile": "openevse-8.2.3-us"}, "plug": "1h", "unplug": "30m"}]}"#,
                "$.stations[0].unplug"
            ),
            (
                #"{"schema": "evsesim/fleet@1", "stations": [{"station": {"profile": "openevse-8.2.3-us"}, "plug": "25:00"}]}"#,
                "$.stations[0].plug"
            ),
            (
                #"{"schema": "evsesim/fleet@1", "stations": [{"station": {"profile": "openevse-8.2.3-us"}, "plugg": "1m"}]}"#,
                "did you mean \"plug\""
            ),
        ])
    func rejects(text: String, mention: String) throws {
        let error = try #require(throws: ScenarioValidationError.self) { try Self.parse(text) }
        #expect(error.description.hasPrefix("fleet.json:1:"), "\(error)")
        #expect(error.description.contains(mention), "\(error)")
    }

    @Test("generator ranges and weights are checked")
    func generatorChecks() throws {
        let broken = Self.generator(count: 3, extra: "")
            .replacingOccurrences(of: #""min": "2h", "max": "12h""#, with: #""min": "12h", "max": "2h""#)
            .replacingOccurrences(of: #""weight": 3"#, with: #""weight": 0"#)
        let error = try #require(throws: ScenarioValidationError.self) { try Self.parse(broken) }
        #expect(error.issues.map(\.path.description).contains("$.generator.stay.max"), "\(error)")
        #expect(error.issues.map(\.path.description).contains("$.generator.vehicles[0].weight"), "\(error)")
    }
}
