import EverestAPI
import JSON
import SimCore

extension ScenarioReader {
    /// One element of `steps`: decides the kind by its key, then reads that kind.
    mutating func readStep(_ node: JSONNode) -> ScenarioStep? {
        guard let object = node.value.objectValue else {
            reader.report(node, expected: #"a step (an object such as {"do": "plug"})"#)
            return nil
        }
        var kinds = object.keys.filter(Self.stepKinds.contains)
        // In a RAPI step, "expect" is the reply, not a step kind of its own.
        if kinds.contains("rapi") { kinds.removeAll { $0 == "expect" } }
        let kindList = Self.stepKindList
        guard let kind = kinds.first else {
            reportMissingKind(node, object, kindList: kindList)
            return nil
        }
        if kinds.count > 1, let second = object.member(kinds[1]) {
            reader.report(
                at: second.keyLocation, path: node.path.appending(kinds[1]), expected: "one of \(kindList) per step",
                found: "\"\(kind)\" and \"\(kinds[1])\" in the same step")
            return nil
        }
        var timing = StepTiming.afterPrevious
        // Timing and label problems are recorded but do not stop the kind from being checked.
        var isValid = true
        if let at = object["at"] {
            if let (relative, d) = readTime(
                JSONNode(at, path: node.path.appending("at")), expected: Self.timingExpected)
            {
                timing = relative ? .afterPreviousBy(d) : .fromStart(d)
            } else {
                isValid = false
            }
        }
        var label: String?
        if let value = object["label"] {
            label = reader.string(JSONNode(value, path: node.path.appending("label")), expected: "a non-empty label")
            isValid = isValid && label != nil
        }
        let stepKind: ScenarioStep.Kind?
        switch kind {
        case "do": stepKind = readAction(node).map { .action($0) }
        case "wait": stepKind = readWait(node).map { .wait($0) }
        case "never": stepKind = readInvariant(node, kind: "never").map { .never($0) }
        case "always": stepKind = readInvariant(node, kind: "always").map { .always($0) }
        case "rapi": stepKind = readRAPI(node).map { .rapi($0) }
        case "mqtt": stepKind = readPublish(node).map { .mqttPublish($0) }
        case "system": stepKind = readSystemRequest(node).map { .system($0) }
        case "ocpp": stepKind = readOCPPStep(node).map { .ocpp($0) }
        default: stepKind = readExpect(node)
        }
        guard let stepKind, isValid else { return nil }
        return ScenarioStep(kind: stepKind, timing: timing, label: label, path: node.path, location: node.location)
    }

    /// The step kinds as a message lists them, built once (it was built for every step read).
    static let stepKindList = stepKinds.map { "\"\($0)\"" }.joined(separator: ", ")

    private mutating func reportMissingKind(_ node: JSONNode, _ object: JSONObject, kindList: String) {
        let expected = "a step with one of the keys \(kindList)"
        // A misspelt kind key ("doo", "wiat") is the likely cause: point at it.
        for member in object.members where !["at", "label"].contains(member.key) {
            if let suggestion = NearMiss.suggestion(for: member.key, among: Self.stepKinds) {
                reader.report(
                    at: member.keyLocation, path: node.path.appending(member.key), expected: expected,
                    found: JSONValue.quoted(member.key), suggestion: suggestion)
                return
            }
        }
        let found =
            object.isEmpty
            ? "an empty object"
            : "an object with the keys " + object.keys.map { JSONValue.quoted($0) }.joined(separator: ", ")
        reader.report(node, expected: expected, found: found)
    }

    private mutating func readWait(_ node: JSONNode) -> WaitStep? {
        guard
            let f = reader.fields(
                node, of: "a wait step", allowed: ["wait", "timeout", "at", "label"], required: ["wait", "timeout"])
        else { return nil }
        let condition = f["wait"].flatMap { readCondition($0) }
        let timeout = f["timeout"].flatMap { reader.duration($0, allowZero: false) }
        guard let (c, text) = condition, let timeout else { return nil }
        return WaitStep(condition: c, text: text, timeout: timeout)
    }

    private mutating func readInvariant(_ node: JSONNode, kind: String) -> InvariantStep? {
        guard let f = reader.fields(node, of: "a \(kind) step", allowed: [kind, "for", "at", "label"]) else {
            return nil
        }
        let condition = f[kind].flatMap { readCondition($0) }
        var duration: SimDuration?
        var durationIsValid = true
        if let node = f["for"] {
            duration = reader.duration(node, allowZero: false)
            durationIsValid = duration != nil
        }
        guard let (c, text) = condition, durationIsValid else { return nil }
        return InvariantStep(condition: c, text: text, duration: duration)
    }

    private mutating func readRAPI(_ node: JSONNode) -> RAPIStep? {
        guard
            let f = reader.fields(
                node, of: "a RAPI step", allowed: ["rapi", "expect", "expectAsync", "at", "label"], required: ["rapi"])
        else { return nil }
        let line = f["rapi"].flatMap { reader.string($0, expected: #"a RAPI line such as "$GS""#) }
        var step = RAPIStep(line: line ?? "")
        var linesAreValid = true
        if let node = f["expect"] {
            if let elements = node.elements, elements.isEmpty {
                step.expectsNoReply = true
            } else {
                step.expect =
                    readLines(node, expected: #"a reply line such as "$OK *", a list of lines, or [] for no reply"#)
                    ?? []
                linesAreValid = !step.expect.isEmpty
            }
        }
        if let node = f["expectAsync"] {
            step.expectAsync = readLines(node, expected: #"an async line such as "$AT *" or a list of lines"#) ?? []
            linesAreValid = linesAreValid && !step.expectAsync.isEmpty
        }
        guard line != nil, linesAreValid else { return nil }
        return step
    }

    private mutating func readLines(_ node: JSONNode, expected: String) -> [LinePattern]? {
        if node.value.stringValue != nil {
            return reader.string(node, expected: expected).map { [LinePattern($0)] }
        }
        guard let elements = node.elements, !elements.isEmpty else {
            reader.report(node, expected: expected)
            return nil
        }
        let lines = elements.map { reader.string($0, expected: "a non-empty line") }
        guard lines.allSatisfy({ $0 != nil }) else { return nil }
        return lines.map { LinePattern($0!) }
    }

    private mutating func readPublish(_ node: JSONNode) -> MQTTPublish? {
        guard let f = reader.fields(node, of: "an MQTT step", allowed: ["mqtt", "at", "label"], required: ["mqtt"]),
            let message = f["mqtt"],
            let m = reader.fields(message, of: "an MQTT message", allowed: ["topic", "payload"], required: ["topic"])
        else { return nil }
        let topic = m["topic"].flatMap { node in readTopic(node, filter: false).flatMap { commandTopic(node, $0) } }
        let payload = m["payload"].map { $0.value.stringValue ?? $0.value.jsonText } ?? ""
        guard let topic else { return nil }
        return MQTTPublish(topic: topic, payload: payload)
    }

    /// A publication must reach one of the EVerest face's command topics. `cmd/<name>` (relative
    /// to the station's EVSE) is checked like every other name; a full `everest_api/…` topic only
    /// for near misses, since a scenario may send a message the face ignores on purpose.
    private mutating func commandTopic(_ node: JSONNode, _ topic: String) -> String? {
        let names = EverestCommandName.allCases.map(\.rawValue)
        let expected = "an EVerest command topic (cmd/<name>)"
        if topic.hasPrefix("everest_api/ocpp/cmd/") {
            let names = OCPPCommandName.allCases.map { "everest_api/ocpp/cmd/" + $0.rawValue }
            guard !names.contains(topic), let near = NearMiss.suggestion(for: topic, among: names) else { return topic }
            reader.report(node, expected: "an OCPP command topic", choices: names, suggestion: near)
            return nil
        }
        if topic.hasPrefix("everest_api/") {
            let levels = topic.split(separator: "/", omittingEmptySubsequences: false)
            guard levels.count == 4, levels[2] == "cmd",
                let near = NearMiss.suggestion(for: String(levels[3]), among: names)
            else { return topic }
            reader.report(
                node, expected: expected, choices: names.map { "\(levels[0])/\(levels[1])/cmd/\($0)" },
                suggestion: "\(levels[0])/\(levels[1])/cmd/\(near)")
            return nil
        }
        let choices = names.map { "cmd/" + $0 }
        guard !choices.contains(topic) else { return topic }
        let suggestion =
            choices.contains("cmd/" + topic)
            ? "cmd/" + topic
            : NearMiss.suggestion(for: topic, among: choices)
                ?? NearMiss.suggestion(for: "cmd/" + topic, among: choices)
        reader.report(node, expected: expected, choices: choices, suggestion: suggestion)
        return nil
    }

    /// A topic to publish to (no wildcards) or a topic filter (`+` a whole level, `#` the
    /// whole last level), as MQTT 3.1.1 §4.7 has them.
    mutating func readTopic(_ node: JSONNode, filter: Bool) -> String? {
        let expected =
            filter
            ? "an MQTT topic filter ('+' stands for a whole level, '#' only for the whole last level)"
            : "an MQTT topic without wildcards (+, #)"
        guard let topic = reader.string(node, expected: expected) else { return nil }
        let levels = topic.split(separator: "/", omittingEmptySubsequences: false)
        let valid = levels.enumerated().allSatisfy { i, level in
            guard level.contains("+") || level.contains("#") else { return true }
            guard filter else { return false }
            return level == "+" || (level == "#" && i == levels.count - 1)
        }
        guard valid else {
            reader.report(node, expected: expected)
            return nil
        }
        return topic
    }
}
