import ArgumentParser
import Scenario

/// `--shard K/M` or `--shard auto/M` (K 0-based, K < M).
extension FleetShardRequest: ExpressibleByArgument {
    public init?(argument: String) {
        guard let request = try? FleetShardRequest(parsing: argument) else { return nil }
        self = request
    }
}
