import EverestAPI
import Foundation
import Glibc
import Scenario
import SimCore
import Testing
import Wire

@testable import Live
@testable import Transport

/// `--shard K/M` and the promise behind it: station k behaves the same in every shard layout.
@Suite("Fleet shards")
struct FleetShardTests {
    static let fleetText = """
        { "schema": "evsesim/fleet@1", "name": "shard test", "seed": 11,
          "generator": { "count": 7, "station": { "profile": "openevse-8.2.3-us" },
            "vehicles": [ { "profile": "compact-40kwh-1ph", "soc": 0.5 }, { "profile": "phev-13kwh-1ph-16a", "weight": 2 } ],
            "arrivals": { "from": "0s", "to": "10m" }, "stay": { "min": "5m", "max": "20m" },
            "targetSoc": { "min": 0.6, "max": 0.9 } } }
        """

    static func fleet() throws -> FleetDocument {
        try FleetDocument(parsing: Array(fleetText.utf8), file: "shard-test.json", library: LiveSetup.library())
    }

    @Test("K/M parses with 0-based K", arguments: [("0/1", 0, 1), ("0/4", 0, 4), ("3/4", 3, 4), ("12/100", 12, 100)])
    func parses(text: String, index: Int, count: Int) throws {
        let shard = try FleetShard(parsing: text)
        #expect(shard.index == index && shard.count == count)
        #expect(shard.description == text)
    }

    @Test(
        "anything but K/M with 0 ≤ K < M is refused", arguments: ["4/4", "1/0", "-1/3", "1", "a/b", "1/2/3", "", "1/"])
    func refuses(text: String) {
        #expect(throws: FleetShardError.self) { try FleetShard(parsing: text) }
    }

    @Test("the shards of a fleet partition it, round robin", arguments: [1, 2, 3, 7, 10])
    func partitions(count: Int) throws {
        let shards = try (0..<count).map { try FleetShard(index: $0, count: count) }
        let served = shards.flatMap { $0.indices(in: 23) }
        #expect(served.sorted() == Array(0..<23))
        for shard in shards {
            #expect(shard.indices(in: 23).allSatisfy { shard.contains($0) && $0 % count == shard.index })
        }
    }

    /// Runs `shard` of the fleet as fast as possible (no loop, no pacing) for `duration` and
    /// returns its trace records by station, and its publications.
    static func run(_ shard: FleetShard, until duration: SimDuration) throws
        -> (records: [Int: [String]], published: [Wire.MQTTMessage], ids: [String])
    {
        let tracePath = LiveSetup.temporaryPath("fleet-shard.jsonl")
        defer { unlink(tracePath) }
        let options = FleetServeOptions(ptyPattern: nil, tracePath: tracePath, shard: shard)
        let live = try LiveFleet(fleet: fleet(), options: options, logger: quietLogger)
        var published: [Wire.MQTTMessage] = []
        live.onPublish = { published.append($0) }
        try live.start()
        live.run(until: .zero + duration)
        live.stop()
        var records: [Int: [String]] = [:]
        let lines = try String(contentsOfFile: tracePath, encoding: .utf8).split(separator: "\n").dropFirst()
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let station = try #require(object["station"] as? Int, "fleet records name their station: \(line)")
            records[station, default: []].append(String(line))
        }
        return (records, published, live.stations.map(\.evseID))
    }

    @Test("station k's trace is the same unsharded and in the shard that holds it", arguments: [2, 3])
    func traceIdentity(shards: Int) throws {
        let whole = try Self.run(.whole, until: .minutes(40))
        #expect(whole.records.keys.sorted() == Array(0..<7))
        for k in 0..<shards {
            let shard = try FleetShard(index: k, count: shards)
            let part = try Self.run(shard, until: .minutes(40))
            #expect(part.records.keys.sorted() == shard.indices(in: 7))
            #expect(part.ids == shard.indices(in: 7).map { "evse_manager_\($0)" })
            for station in shard.indices(in: 7) {
                let mine = try #require(part.records[station])
                #expect(mine == whole.records[station], "station \(station) in shard \(shard)")
                // The EV really came and went, so the identity covers a charging session.
                #expect(mine.contains { $0.contains(#""kind":"scenario.step""#) })
                #expect(mine.contains { $0.contains(#""to":"C""#) })
            }
        }
    }

    @Test("only the shard holding station 0 publishes the shared topics, listing the whole fleet")
    func connectors() throws {
        let everyID = (0..<7).map { "evse_manager_\($0)" }
        for k in 0..<3 {
            let part = try Self.run(try FleetShard(index: k, count: 3), until: .seconds(3))
            let lists = part.published.filter { $0.topic == "everest_api/connectors" }.map(\.payloadText)
            if k == 0 {
                #expect(lists.count == 3)
                for list in lists {
                    #expect(try JSONSerialization.jsonObject(with: Data(list.utf8)) as? [String] == everyID)
                }
            } else {
                #expect(lists.isEmpty)
                #expect(!part.published.contains { $0.topic.hasPrefix("everest_api/errors/") })
            }
        }
    }
}
