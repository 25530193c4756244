import EVSEModel
import JSON

extension ScenarioReader {
    /// `{"expect": {"<key>": …}}` or `{"expect": {"mqtt": {…}}}`.
    mutating func readExpect(_ node: JSONNode) -> ScenarioStep.Kind? {
        guard
            let f = reader.fields(
                node, of: "an expect step", allowed: ["expect", "at", "label"], required: ["expect"]),
            let expect = f["expect"]
        else { return nil }
        guard let object = expect.value.objectValue, !object.isEmpty else {
            reader.report(expect, expected: #"an object of keys and expected values, or {"mqtt": {…}}"#)
            return nil
        }
        if object.member("mqtt") != nil { return readMQTTExpectation(expect).map { .expectMQTT($0) } }
        if object.member("system") != nil { return readSystemExpectation(expect).map { .expectSystem($0) } }
        if object.member("ocpp") != nil { return readOCPPExpectation(expect).map { .expectOCPP($0) } }
        var expectations: [StateExpectation] = []
        for member in object.members {
            let child = JSONNode(member.value, path: expect.path.appending(member.key))
            guard let info = catalog.conditionKeys[member.key] else {
                // Sorted only for the message: sorting them for every expectation read was a
                // third of the cost of reading one.
                let keys = catalog.conditionKeys.keys.sorted()
                reader.report(
                    at: member.keyLocation, path: child.path, expected: "a known key",
                    found: JSONValue.quoted(member.key),
                    choices: keys, suggestion: NearMiss.suggestion(for: member.key, among: keys))
                continue
            }
            if let value = readExpectedValue(child, key: member.key, info) {
                expectations.append(
                    StateExpectation(key: member.key, expected: value, path: child.path, location: child.location))
            }
        }
        return expectations.count == object.count ? .expectState(expectations) : nil
    }

    private mutating func readExpectedValue(_ node: JSONNode, key: String, _ info: ConditionKeyInfo) -> ExpectedValue? {
        switch info.type {
        case .state(let names):
            return reader.name(node, among: names, expected: "a state of \(key)").map { .equals(.string($0)) }
        case .bool:
            return reader.bool(node, expected: "true or false for \(key)").map { .equals(.bool($0)) }
        case .string:
            return reader.string(node, expected: "a string for \(key)", allowEmpty: true).map { .equals(.string($0)) }
        case .number:
            if node.value.numberValue != nil || node.value.stringValue != nil {
                return quantity(node, key: key, info).map { .equals(.number($0)) }
            }
            guard let object = node.value.objectValue else {
                reader.report(
                    node, expected: #"a number, {"min": n, "max": n} or {"value": n, "tolerance": t} for "# + key)
                return nil
            }
            if object.member("value") != nil || object.member("tolerance") != nil {
                return readTolerance(node, key: key, info).map { .approximately($0.value, tolerance: $0.tolerance) }
            }
            return readRange(node, key: key, info)
        }
    }

    /// A number for `key`, plain (`10000`) or with one of its units as in conditions (`"10kWh"`,
    /// `"6kW"`, `"80%"`), in the key's base unit.
    private mutating func quantity(
        _ node: JSONNode, key: String, _ info: ConditionKeyInfo, atLeast minimum: Double? = nil
    )
        -> Double?
    {
        let units = info.type == .number(.none) ? "" : " (a plain number or with a unit, e.g. \(Self.example(info)))"
        if node.value.numberValue != nil {
            if info.type == .number(.ratio) {
                return reader.number(node, in: 0...1, expected: "a ratio from 0 to 1 for \(key)")
            }
            if let minimum { return reader.number(node, atLeast: minimum) }
            return reader.number(node, expected: "a number for \(key)\(units)")
        }
        guard let text = node.value.stringValue else {
            reader.report(node, expected: "a number for \(key)\(units)")
            return nil
        }
        // The condition parser knows every unit and its messages; the key and `==` in front of the
        // text shift its columns by a fixed amount.
        let prefix = "\(key) == "
        do {
            guard case .compare(_, _, .number(let x)) = try Condition(parsing: prefix + text, keys: [key: info]) else {
                reader.report(node, expected: "one number for \(key)\(units)")
                return nil
            }
            if let minimum, x < minimum {
                reader.report(node, expected: "a number ≥ \(ConditionValue.number(minimum))")
                return nil
            }
            return x
        } catch {
            let column = max(1, error.column - prefix.unicodeScalars.count)
            reader.report(
                at: node.value.location(ofStringOffset: column - 1), path: node.path, expected: error.expected,
                found: error.found, choices: error.choices, suggestion: error.suggestion)
            return nil
        }
    }

    /// `"16A"`, `"7kW"`, … for messages.
    private static func example(_ info: ConditionKeyInfo) -> String {
        guard case .number(let unit) = info.type, let suffix = unit.suffixes.last?.suffix else { return "" }
        return unit == .ratio ? "\"80%\"" : "\"10\(suffix)\""
    }

    /// `{"min": n}`, `{"max": n}` or both, with `min ≤ max`.
    private mutating func readRange(_ node: JSONNode, key: String, _ info: ConditionKeyInfo) -> ExpectedValue? {
        guard let f = reader.fields(node, of: "a range", allowed: ["min", "max"]) else { return nil }
        guard f.contains("min") || f.contains("max") else {
            reader.report(node, expected: #"a range with "min", "max" or both"#)
            return nil
        }
        var bounds: [String: Double] = [:]
        var isValid = true
        for end in ["min", "max"] {
            guard let bound = f[end] else { continue }
            bounds[end] = quantity(bound, key: key, info)
            isValid = isValid && bounds[end] != nil
        }
        guard isValid else { return nil }
        if let lo = bounds["min"], let hi = bounds["max"], hi < lo, let maxNode = f["max"] {
            reader.report(maxNode, expected: "a maximum ≥ the minimum \(ConditionValue.number(lo))")
            return nil
        }
        return .range(min: bounds["min"], max: bounds["max"])
    }

    /// `{"value": n, "tolerance": t}` with `t ≥ 0`; for a state key both may carry its units.
    private mutating func readTolerance(_ node: JSONNode, key: String? = nil, _ info: ConditionKeyInfo? = nil)
        -> (value: Double, tolerance: Double)?
    {
        guard
            let f = reader.fields(
                node, of: "a tolerance", allowed: ["value", "tolerance"], required: ["value", "tolerance"])
        else { return nil }
        guard let key, let info else {
            let value = f["value"].flatMap { reader.number($0) }
            let tolerance = f["tolerance"].flatMap { reader.number($0, atLeast: 0) }
            guard let value, let tolerance else { return nil }
            return (value, tolerance)
        }
        let value = f["value"].flatMap { quantity($0, key: key, info) }
        // A tolerance is a difference, so a ratio's may be written as a percentage too.
        let tolerance = f["tolerance"].flatMap { quantity($0, key: key, info, atLeast: 0) }
        guard let value, let tolerance else { return nil }
        return (value, tolerance)
    }

    private mutating func readMQTTExpectation(_ expect: JSONNode) -> MQTTExpectation? {
        let outer = expect.value.objectValue ?? JSONObject()
        for member in outer.members where member.key != "mqtt" {
            reader.report(
                at: member.keyLocation, path: expect.path.appending(member.key),
                expected: #"only the key "mqtt" here (state checks go in an expect step of their own)"#,
                found: JSONValue.quoted(member.key))
        }
        guard let mqtt = outer["mqtt"], case let node = JSONNode(mqtt, path: expect.path.appending("mqtt")),
            let f = reader.fields(
                node, of: "an MQTT expectation", allowed: ["topic", "json", "payload", "within"], required: ["topic"])
        else { return nil }
        let topic = f["topic"].flatMap { readTopic($0, filter: true) }
        var expectation = MQTTExpectation(topic: topic ?? "")
        var isValid = topic != nil && outer.count == 1
        if let json = f["json"] {
            isValid = checkSubset(json) && isValid
            expectation.json = JSONSubsetPattern(json.value)
        }
        if let payload = f["payload"] {
            if f["json"] != nil {
                reader.report(payload, expected: #"either "json" or "payload", not both"#)
                isValid = false
            } else if let text = reader.string(
                payload, expected: #"the payload text, e.g. "connected" (* matches any run of characters)"#)
            {
                expectation.payload = LinePattern(text)
            } else {
                isValid = false
            }
        }
        if let within = f["within"] {
            expectation.within = reader.duration(within, allowZero: false)
            isValid = isValid && expectation.within != nil
        }
        return isValid ? expectation : nil
    }

    /// Checks every `{"value": …, "tolerance": …}` inside a subset pattern.
    private mutating func checkSubset(_ node: JSONNode) -> Bool {
        switch node.value.kind {
        case .object(let object) where object.member("tolerance") != nil:
            return readTolerance(node) != nil
        case .object(let object):
            var ok = true
            for member in object.members {
                ok = checkSubset(JSONNode(member.value, path: node.path.appending(member.key))) && ok
            }
            return ok
        case .array:
            var ok = true
            for element in node.elements ?? [] { ok = checkSubset(element) && ok }
            return ok
        default:
            return true
        }
    }
}
