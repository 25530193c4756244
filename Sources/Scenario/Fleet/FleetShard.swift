/// Which stations of a fleet one process serves: `--shard K/M`, 0-based.
///
/// Shard `K` of `M` serves the stations whose global index `k` satisfies `k mod M == K`
/// (round robin rather than contiguous slices, so each shard gets a similar mix of arrival times
/// and the split stays even when the count is not a multiple of `M`). `0/1` is the whole fleet.
/// No coordination is needed: every process reads the same fleet file, and each station's plan
/// depends only on the seed and its index.
public struct FleetShard: Hashable, Sendable, CustomStringConvertible {
    /// This shard's number, `0..<count`.
    public var index: Int
    /// How many shards the fleet is split into.
    public var count: Int

    /// The whole fleet in one process.
    public static let whole = FleetShard(uncheckedIndex: 0, count: 1)

    /// Shard `index` of `count`.
    /// - Throws: ``FleetShardError`` unless `count ≥ 1` and `0 ≤ index < count`.
    public init(index: Int, count: Int) throws(FleetShardError) {
        guard count >= 1 else { throw FleetShardError(text: "\(index)/\(count)", reason: "M must be at least 1") }
        guard (0..<count).contains(index) else {
            throw FleetShardError(
                text: "\(index)/\(count)", reason: "K is 0-based: expected 0…\(count - 1) for \(count) shards")
        }
        self.index = index
        self.count = count
    }

    private init(uncheckedIndex index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Parses `K/M`, e.g. `0/4`.
    /// - Throws: ``FleetShardError`` for anything else, or an out-of-range K.
    public init(parsing text: String) throws(FleetShardError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let m = Int(parts[1]) else {
            throw FleetShardError(text: text, reason: "expected K/M, e.g. 0/4 (K is 0-based)")
        }
        try self.init(index: k, count: m)
    }

    /// Whether this shard serves station `stationIndex`.
    public func contains(_ stationIndex: Int) -> Bool { stationIndex % count == index }

    /// The global indices this shard serves in a fleet of `fleetSize`, in order.
    public func indices(in fleetSize: Int) -> [Int] { Array(stride(from: index, to: fleetSize, by: count)) }

    /// `K/M`.
    public var description: String { "\(index)/\(count)" }
}

/// A `--shard` value that is not `K/M` with `0 ≤ K < M`.
public struct FleetShardError: Error, Sendable, CustomStringConvertible {
    /// The value as given.
    public var text: String
    /// What is wrong with it.
    public var reason: String

    /// `--shard '4/4': K is 0-based: expected 0…3 for 4 shards`.
    public var description: String { "--shard '\(text)': \(reason)" }
}
