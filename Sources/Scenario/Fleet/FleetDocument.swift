import EVSEModel
import JSON
public import SimCore

/// A validated fleet file (schema `evsesim/fleet@1`): the stations `evsesim serve --fleet` runs.
///
/// ```json
/// { "schema": "evsesim/fleet@1", "name": "car park", "seed": 7, "start": "2026-03-02T16:00:00Z",
///   "generator": { "count": 100, "station": { "profile": "openevse-8.2.3-eu" },
///                  "vehicles": [ { "profile": "compact-40kwh-1ph", "weight": 3 }, … ],
///                  "arrivals": { "from": "17:00", "to": "21:00" },
///                  "stay": { "min": "2h", "max": "12h" }, "targetSoc": { "min": 0.6, "max": 1.0 } } }
/// ```
///
/// or, instead of `generator`, `"stations": [{"station": {…}, "vehicle": {…}, "plug": "10m",
/// "unplug": "3h", "targetSoc": 0.9}, …]`. Times are durations from the start (`"90m"`) or UTC
/// clock times (`"17:00"`, the first such time at or after the start; a window whose end comes
/// before its beginning runs past midnight). `start` defaults to 2026-01-01T00:00:00Z as in
/// scenarios, so every shard of a fleet agrees on it. Validation reports every issue with file,
/// line:column and JSON path, like scenario files.
public struct FleetDocument: Sendable {
    /// The only schema tag this version reads.
    public static let schemaTag = "evsesim/fleet@1"

    /// Where the stations come from.
    public enum Source: Sendable {
        /// `stations`: one plan per entry, index = position.
        case stations([FleetStationPlan])
        /// `generator`: plans drawn per index.
        case generator(FleetGenerator)
    }

    /// The file, as the caller named it.
    public var file: String
    /// `name`, or the file name.
    public var name: String
    /// `seed`: the master seed (default 1).
    public var seed: UInt64
    /// `start`: the wall time of sim instant zero.
    public var start: WallTime
    /// The stations.
    public var source: Source

    /// Creates a fleet from parts (no validation).
    public init(file: String, name: String, seed: UInt64 = 1, start: WallTime = .defaultStart, source: Source) {
        self.file = file
        self.name = name
        self.seed = seed
        self.start = start
        self.source = source
    }

    /// Parses, validates and resolves a fleet file against the profile library.
    /// - Throws: ``ScenarioValidationError`` with every issue found.
    public init(parsing bytes: [UInt8], file: String, library: ProfileLibrary) throws(ScenarioValidationError) {
        let json = try DocumentReader.parse(bytes, file: file)
        var reader = FleetReader(file: file, library: library)
        let document = reader.read(JSONNode(json))
        try reader.reader.check()
        guard let document else {
            throw ScenarioValidationError(
                file: file,
                issues: [
                    ScenarioIssue(
                        at: json.location, file: file, path: .root, expected: "a fleet", found: "an unreadable document"
                    )
                ])
        }
        self = document
    }

    /// How many stations the whole fleet has.
    public var count: Int {
        switch source {
        case .stations(let plans): plans.count
        case .generator(let generator): generator.count
        }
    }

    /// Station `index`'s plan (`0..<count`).
    public func plan(for index: Int) -> FleetStationPlan {
        switch source {
        case .stations(let plans): plans[index]
        case .generator(let generator): generator.plan(for: index, seed: seed)
        }
    }
}
