import JSON
import SimCore

/// Reads and validates a scenario document (schema v1) on top of ``DocumentReader``.
///
/// Each `read…` function records an issue and returns `nil` for what it cannot read, and
/// carries on with the rest, so one run reports every problem in a file.
struct ScenarioReader {
    var reader: DocumentReader
    let catalog: ScenarioCatalog

    static let topKeys = ["schema", "name", "description", "seed", "start", "station", "vehicle", "steps", "until"]
    static let stepKinds = ["do", "wait", "expect", "never", "always", "rapi", "mqtt", "system"]
    static let timingExpected = #"a time like "10s" (from the start) or "+5m" (after the previous step)"#

    init(file: String, catalog: ScenarioCatalog) {
        self.reader = DocumentReader(file: file)
        self.catalog = catalog
    }

    mutating func read(_ root: JSONNode) -> ScenarioDocument? {
        if let schema = root.value["schema"], schema.stringValue != ScenarioDocument.schemaTag {
            // Another schema means the rest of the file has a shape this version does not know:
            // its keys and values would only produce noise.
            reader.report(
                JSONNode(schema, path: root.path.appending("schema")), expected: #"the schema tag "evsesim/scenario@1""#
            )
            return nil
        }
        guard
            let top = reader.fields(
                root, of: "a scenario", allowed: Self.topKeys,
                required: ["schema", "name", "station", "steps", "until"])
        else { return nil }
        let name = top["name"].flatMap { reader.string($0, expected: "a non-empty name") }
        let summary = top["description"].flatMap { reader.string($0, allowEmpty: true) }
        let seed = top["seed"].map { reader.unsignedInteger($0) } ?? 1
        let start = top["start"].map { reader.startTime($0) } ?? .defaultStart
        let station = top["station"].flatMap {
            reader.profileSelection($0, kind: "station", names: catalog.stationProfiles)
        }
        let vehicleNode = top["vehicle"]
        let vehicle = vehicleNode.flatMap {
            reader.profileSelection($0, kind: "vehicle", names: catalog.vehicleProfiles)
        }
        let steps = top["steps"].flatMap { readSteps($0) }
        let end = top["until"].flatMap { readEnd($0, lastStep: steps?.lastTime) }
        guard let name, let seed, let start, let station, let steps, let end, (vehicleNode == nil) == (vehicle == nil)
        else { return nil }
        return ScenarioDocument(
            file: reader.file, name: name, summary: summary, seed: seed, start: start, station: station,
            vehicle: vehicle, steps: steps.steps, end: end)
    }

    private mutating func readSteps(_ node: JSONNode) -> (steps: [ScenarioStep], lastTime: SimDuration)? {
        guard let elements = reader.elements(node, expected: "an array of steps") else { return nil }
        guard elements.count <= catalog.limits.steps else {
            reader.report(
                node, expected: "at most \(catalog.limits.steps) steps (raise the limit with --max-steps)",
                found: "\(elements.count) steps")
            return nil
        }
        var steps: [ScenarioStep] = []
        // The earliest time each step can run: waits may make the real time later, never earlier.
        var earliest = SimDuration.zero
        var complete = true
        for element in elements {
            guard let step = readStep(element) else {
                complete = false
                continue
            }
            switch step.timing {
            case .afterPrevious: break
            case .afterPreviousBy(let d): earliest = earliest + d
            case .fromStart(let t):
                if t < earliest, let at = element.value["at"] {
                    reader.report(
                        JSONNode(at, path: element.path.appending("at")),
                        expected: "a time at or after \(earliest) (when the previous step runs at the earliest)")
                }
                earliest = max(earliest, t)
            }
            steps.append(step)
        }
        return complete ? (steps, earliest) : nil
    }

    private mutating func readEnd(_ node: JSONNode, lastStep: SimDuration?) -> ScenarioEnd? {
        let expected = #"an end time like "3h" (from the start) or "+30m" (after the last step)"#
        guard let (relative, d) = readTime(node, expected: expected) else { return nil }
        // Compared one part at a time: a sum of two huge durations would wrap around.
        let latest = catalog.limits.span
        let after = relative ? (lastStep ?? .zero) : .zero
        if d > latest || after > latest || after + d > latest {
            reader.report(
                node, expected: "an end within \(latest) of the start (raise the limit with --max-span)",
                found: "\(node.value.foundDescription)" + (relative ? ", after the last step at \(after)" : ""))
            return nil
        }
        if relative { return .afterLastStep(d) }
        if let lastStep, d < lastStep {
            reader.report(node, expected: "an end at or after \(lastStep) (when the last step runs at the earliest)")
            return nil
        }
        return .fromStart(d)
    }

    /// `"10s"` (absolute) or `"+10s"` (relative).
    mutating func readTime(_ node: JSONNode, expected: String) -> (relative: Bool, SimDuration)? {
        guard let text = node.value.stringValue else {
            reader.report(node, expected: expected)
            return nil
        }
        let relative = text.hasPrefix("+")
        let body = relative ? String(text.dropFirst()) : text
        guard !body.hasPrefix("-"), !body.hasPrefix("+"), let d = try? SimDuration(parsing: body), d >= .zero else {
            reader.report(node, expected: expected)
            return nil
        }
        return (relative, d)
    }

    /// A condition string, parsed and checked against the catalog's keys; errors point at the
    /// column inside the string.
    mutating func readCondition(_ node: JSONNode) -> (Condition, String)? {
        guard let text = reader.string(node, expected: #"a condition like "evse.state == C""#) else { return nil }
        do {
            return (try Condition(parsing: text, keys: catalog.conditionKeys), text)
        } catch {
            reader.report(
                at: node.value.location(ofStringOffset: error.column - 1), path: node.path, expected: error.expected,
                found: error.found == ConditionLexer.Token.endDescription
                    ? "\(error.found) (column \(error.column))"
                    : "\(error.found) at column \(error.column) of the condition",
                choices: error.choices,
                suggestion: error.suggestion)
            return nil
        }
    }
}
