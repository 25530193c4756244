import Scenario
import Testing

/// `--shard K/M` and `--shard auto/M` with K from the environment.
@Suite("Shard requests")
struct FleetShardRequestTests {
    @Test(
        "auto/M reads K from JOB_COMPLETION_INDEX, or from the variable named",
        arguments: [
            ("auto/4", ["JOB_COMPLETION_INDEX": "3"], nil, 3, 4),
            ("auto/1", ["JOB_COMPLETION_INDEX": "0"], nil, 0, 1),
            ("auto/4", ["JOB_COMPLETION_INDEX": " 2\n"], nil, 2, 4),
            ("auto/2", ["SHARD": "1", "JOB_COMPLETION_INDEX": "0"], "SHARD", 1, 2),
            ("1/3", ["JOB_COMPLETION_INDEX": "0"], nil, 1, 3),
        ] as [(String, [String: String], String?, Int, Int)])
    func resolves(text: String, environment: [String: String], variable: String?, index: Int, count: Int) throws {
        let request = try FleetShardRequest(parsing: text)
        #expect(request.description == text)
        let shard = try request.resolve(environment: environment, indexVariable: variable)
        #expect(shard == (try FleetShard(index: index, count: count)))
    }

    @Test(
        "a missing, non-numeric or out-of-range index is refused with the variable's name",
        arguments: [
            ("auto/4", [:], nil, "JOB_COMPLETION_INDEX is not set"),
            ("auto/4", ["JOB_COMPLETION_INDEX": "4"], nil, "expected 0…3 for 4 shards"),
            ("auto/4", ["JOB_COMPLETION_INDEX": "-1"], nil, "JOB_COMPLETION_INDEX='-1' is not a shard index"),
            ("auto/2", ["POD": "one"], "POD", "POD='one' is not a shard index"),
            ("auto/2", ["JOB_COMPLETION_INDEX": "1"], "POD", "POD is not set"),
            ("0/2", ["POD": "1"], "POD", "--shard-index-env POD needs --shard auto/2"),
        ] as [(String, [String: String], String?, String)])
    func refuses(text: String, environment: [String: String], variable: String?, message: String) throws {
        let request = try FleetShardRequest(parsing: text)
        let error = #expect(throws: FleetShardError.self) {
            try request.resolve(environment: environment, indexVariable: variable)
        }
        #expect(error?.description.contains(message) == true, "\(String(describing: error))")
    }

    @Test("auto needs a shard count of at least 1", arguments: ["auto/0", "auto/", "auto/x", "auto", "auto/-2"])
    func refusesBadCounts(text: String) {
        #expect(throws: FleetShardError.self) { try FleetShardRequest(parsing: text) }
    }
}
