import JSON
import SimCore

/// A validated scenario file (schema `evsesim/scenario@1`): one reproducible experiment.
///
/// Building one performs every check up front (syntax, schema tag, types, required and unknown
/// keys, names, durations, conditions, value ranges, step order), so a malformed scenario is
/// rejected with all its issues before anything runs.
///
/// The file is a JSON object with `schema` (required, exactly `evsesim/scenario@1`), `name`
/// (required), `description`, `seed` (UInt64, default 1), `start` (RFC 3339), `station` and
/// `vehicle` (`{"profile": name, …overrides}`, station required), `steps` (required) and `until`
/// (required: `"3h"` from the start or `"+30m"` after the last step). A step has exactly one of
/// `do`, `wait`, `expect`, `never`, `always`, `rapi`, `mqtt`, plus optional `at` (`"10s"` from the
/// start, `"+1h"` after the previous step, missing = right after it) and `label`; see
/// ``ScenarioStep/Kind`` and ``ScenarioAction`` for each kind's keys.
public struct ScenarioDocument: Hashable, Sendable {
    /// The only schema tag this version reads.
    public static let schemaTag = "evsesim/scenario@1"

    /// The file the scenario came from, as the caller named it.
    public var file: String
    /// `name`: a one-line title.
    public var name: String
    /// `description`: what the scenario shows, if given.
    public var summary: String?
    /// `seed`: the master seed of every random stream (default 1).
    public var seed: UInt64
    /// `start`: the wall-clock time at sim instant zero (default 2026-01-01T00:00:00Z).
    public var start: WallTime
    /// `station`: the station profile and its overrides.
    public var station: ProfileSelection
    /// `vehicle`: the vehicle profile and its overrides, if any.
    public var vehicle: ProfileSelection?
    /// `steps`, in order.
    public var steps: [ScenarioStep]
    /// `until`: when the run ends.
    public var end: ScenarioEnd

    /// Creates a scenario from parts (for tests and generated scenarios; no validation).
    public init(
        file: String, name: String, summary: String? = nil, seed: UInt64 = 1, start: WallTime = .defaultStart,
        station: ProfileSelection, vehicle: ProfileSelection? = nil, steps: [ScenarioStep], end: ScenarioEnd
    ) {
        self.file = file
        self.name = name
        self.summary = summary
        self.seed = seed
        self.start = start
        self.station = station
        self.vehicle = vehicle
        self.steps = steps
        self.end = end
    }

    /// Parses and validates a scenario file's bytes.
    /// - Parameters:
    ///   - bytes: The file's content (UTF-8 JSON).
    ///   - file: The name used in every message, usually the path as the user typed it.
    ///   - catalog: The profile names and condition keys that exist.
    /// - Throws: ``ScenarioValidationError`` with every issue found (a syntax error is one issue).
    public init(parsing bytes: [UInt8], file: String, catalog: ScenarioCatalog) throws(ScenarioValidationError) {
        try self.init(json: DocumentReader.parse(bytes, file: file), file: file, catalog: catalog)
    }

    /// Parses and validates a scenario given as text.
    public init(parsing text: String, file: String, catalog: ScenarioCatalog) throws(ScenarioValidationError) {
        try self.init(parsing: Array(text.utf8), file: file, catalog: catalog)
    }

    /// The `schema` tag of a JSON document, if it has one: tells a scenario from a fleet file
    /// before either is validated. A document of more than `maximumValues` values has none
    /// (``ScenarioLimits/values``: reading it whole would take many times its size).
    public static func schemaTag(of bytes: [UInt8], maximumValues: Int = ScenarioLimits.standard.values) -> String? {
        var policy = JSONParser.Policy.authoring
        policy.maximumValues = maximumValues
        return (try? JSONParser(policy: policy).parse(bytes, file: ""))?["schema"]?.stringValue
    }

    /// Validates an already parsed scenario.
    public init(json: JSONValue, file: String, catalog: ScenarioCatalog) throws(ScenarioValidationError) {
        var reader = ScenarioReader(file: file, catalog: catalog)
        let document = reader.read(JSONNode(json))
        try reader.reader.check()
        guard let document else {
            // Every path that gives up records why; this guards against one that forgets.
            throw ScenarioValidationError(
                file: file,
                issues: [
                    ScenarioIssue(
                        at: json.location, file: file, path: .root, expected: "a scenario",
                        found: "an unreadable document")
                ])
        }
        self = document
    }
}
