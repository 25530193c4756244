import ArgumentParser
import Scenario

/// `--shard K/M` (K 0-based, K < M).
extension FleetShard: ExpressibleByArgument {
    public init?(argument: String) {
        guard let shard = try? FleetShard(parsing: argument) else { return nil }
        self = shard
    }
}
