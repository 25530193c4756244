/// A `--shard` value as given: `K/M`, or `auto/M`, whose K the orchestrator hands each process
/// in an environment variable (`JOB_COMPLETION_INDEX` in a Kubernetes Indexed Job).
public enum FleetShardRequest: Hashable, Sendable, CustomStringConvertible {
    /// `K/M`: this shard.
    case fixed(FleetShard)
    /// `auto/M`: shard K of `count`, K read from the environment.
    case automatic(count: Int)

    /// Where `auto/M` reads K unless told otherwise: Kubernetes sets it in every pod of an
    /// Indexed Job (`completionMode: Indexed`) to the pod's index, 0…completions−1.
    public static let defaultIndexVariable = "JOB_COMPLETION_INDEX"

    /// Parses `K/M` or `auto/M`.
    /// - Throws: ``FleetShardError`` for anything else, or an out-of-range K or M.
    public init(parsing text: String) throws(FleetShardError) {
        guard text.hasPrefix("auto/") else {
            self = .fixed(try FleetShard(parsing: text))
            return
        }
        guard let count = Int(text.dropFirst("auto/".count)), count >= 1 else {
            throw FleetShardError(text: text, reason: "expected auto/M with M ≥ 1 shards, e.g. auto/4")
        }
        self = .automatic(count: count)
    }

    /// The shard this process serves.
    /// - Parameters:
    ///   - environment: the process environment (`auto/M` reads K from it).
    ///   - indexVariable: the variable holding K (default ``defaultIndexVariable``); naming one
    ///     only makes sense with `auto/M`.
    /// - Throws: ``FleetShardError`` when the variable is unset, not an integer, or not 0…M−1,
    ///   or when a variable is named for a fixed `K/M`.
    public func resolve(environment: [String: String], indexVariable: String? = nil) throws(FleetShardError)
        -> FleetShard
    {
        switch self {
        case .fixed(let shard):
            if let indexVariable {
                throw FleetShardError(
                    text: description,
                    reason: "--shard-index-env \(indexVariable) needs --shard auto/\(shard.count) (K is given here)")
            }
            return shard
        case .automatic(let count):
            let name = indexVariable ?? Self.defaultIndexVariable
            guard let value = environment[name] else {
                throw FleetShardError(
                    text: description,
                    reason: "\(name) is not set; run as a Kubernetes Indexed Job, set \(name)=K (0…\(count - 1)), "
                        + "or name the variable holding K with --shard-index-env")
            }
            let trimmed = value.trimmingSpaces
            guard let index = Int(trimmed), (0..<count).contains(index) else {
                throw FleetShardError(
                    text: description,
                    reason: "\(name)='\(value)' is not a shard index: expected 0…\(count - 1) for \(count) shards")
            }
            return try FleetShard(index: index, count: count)
        }
    }

    /// `K/M` or `auto/M`.
    public var description: String {
        switch self {
        case .fixed(let shard): shard.description
        case .automatic(let count): "auto/\(count)"
        }
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and newlines (how a variable set from a file
    /// or a manifest may arrive).
    fileprivate var trimmingSpaces: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        let start = firstIndex { !isSpace($0) } ?? endIndex
        let end = lastIndex { !isSpace($0) }.map(index(after:)) ?? start
        return self[start..<max(start, end)]
    }
}
