import JSON
import SimCore

/// Turns a recorded live session into a scenario (`evsesim replay --to-scenario`): the client's
/// inputs become steps at the instants they arrived, and what the station answered becomes
/// expectations, so a bug seen against a live client becomes a regression test.
///
/// - every RAPI line the station received (`rapi.in`) is a `rapi` step whose `expect` lists the
///   replies it got (`[]`: none);
/// - every broker message (`input.mqtt`) is an `mqtt` step on its full topic with its payload;
/// - every control API action (`input.control`) is the `do` step it was written as;
/// - every traced publication (`mqtt.publish`: `session_info` changes, all of them with
///   `--trace-telemetry`) at an instant with no input is an MQTT expectation, watched from the
///   previous step up to that instant (one caused by an input at its own instant cannot be
///   watched: a watch blocks the steps after it);
/// - the background scenario's actions, MQTT and system steps (`do`, `mqtt`, `system`) are
///   copied at the instants they ran (its checks are not: what was observed replaces them);
/// - `until` is the instant the session stopped.
///
/// Sessions of one station convert; the profiles are the recorded ones, inline.
public struct ScenarioExport: Sendable {
    /// The scenario file's text (one step per line).
    public private(set) var text = ""
    /// How many steps of each sort were written.
    public private(set) var rapiSteps = 0
    public private(set) var mqttSteps = 0
    public private(set) var expectations = 0
    public private(set) var backgroundSteps = 0
    public private(set) var controlSteps = 0

    /// Converts `trace`.
    /// - Throws: ``ReplayError`` for a session this conversion does not cover.
    public init(trace: RecordedTrace, recipe: SessionRecipe) throws(ReplayError) {
        guard recipe.stations == 1 else {
            throw ReplayError(
                file: trace.file, "the session served \(recipe.stations) stations; a scenario drives one")
        }
        let background = try Self.backgroundSteps(recipe, file: trace.file)
        var steps: [JSONValue] = []
        var last = SimInstant.zero
        let inputTimes = Set(
            trace.records.filter { $0.kind == "rapi.in" || RecordedInput.isInput(kind: $0.kind) }.map(\.time))
        var index = 0
        let records = trace.records
        while index < records.count {
            let record = records[index]
            index += 1
            switch record.kind {
            case "rapi.in":
                guard let line = record.json["line"]?.stringValue else { continue }
                // Its replies: up to the next line or input (looked at, not consumed: the events
                // and publications in between have their own steps).
                var replies: [JSONValue] = []
                var next = index
                while next < records.count, records[next].kind != "rapi.in",
                    !RecordedInput.isInput(kind: records[next].kind)
                {
                    let later = records[next]
                    if later.kind == "rapi.out", later.json["type"]?.stringValue == "reply",
                        let reply = later.json["line"]?.stringValue
                    {
                        replies.append(.string(Self.trimmed(reply)))
                    }
                    next += 1
                }
                var step = JSONObject()
                step["at"] = .string(Self.durationText(record.time.sinceStart))
                step["rapi"] = .string(Self.trimmed(line))
                step["expect"] = .array(replies)
                steps.append(.object(step))
                rapiSteps += 1
                last = record.time
            case "scenario.step":
                guard let position = record.json["index"]?.numberValue?.int64Value, position >= 0,
                    Int(position) < background.count, let original = background[Int(position)].objectValue,
                    ["do", "mqtt", "system"].contains(where: { original[$0] != nil })
                else { continue }
                steps.append(Self.step(original, at: record.time))
                backgroundSteps += 1
                last = record.time
            case "input.control":
                guard let action = record.json["action"]?.objectValue else { continue }
                steps.append(Self.step(action, at: record.time))
                controlSteps += 1
                last = record.time
            case "input.mqtt":
                guard let topic = record.json["topic"]?.stringValue, let payload = record.json["payload"] else {
                    continue
                }
                var mqtt = JSONObject()
                mqtt["topic"] = .string(topic)
                mqtt["payload"] = payload
                var step = JSONObject()
                step["at"] = .string(Self.durationText(record.time.sinceStart))
                step["mqtt"] = .object(mqtt)
                steps.append(.object(step))
                mqttSteps += 1
                last = record.time
            case "mqtt.publish" where record.time > last && !inputTimes.contains(record.time):
                guard let topic = record.json["topic"]?.stringValue, let payload = record.json["payload"] else {
                    continue
                }
                var watch = JSONObject()
                watch["topic"] = .string(topic)
                if payload.objectValue != nil { watch["json"] = payload } else { watch["payload"] = payload }
                watch["within"] = .string(Self.durationText(record.time - last))
                var step = JSONObject()
                step["expect"] = .object(["mqtt": .object(watch)])
                steps.append(.object(step))
                expectations += 1
                last = record.time
            default:
                continue
            }
        }
        let end = max(trace.end, last)
        var head = JSONObject()
        head["schema"] = .string(ScenarioDocument.schemaTag)
        head["name"] = .string("Replay of \(trace.file)")
        head["description"] = .string(
            "Written by evsesim replay --to-scenario from a session of evsesim \(recipe.version): the client's "
                + "inputs as steps, the station's replies and publications as expectations.")
        head["seed"] = .number(JSONNumber(trace.seed))
        head["start"] = .string(trace.start)
        head["station"] = Self.selection(recipe.station, evseID: recipe.evseID)
        head["vehicle"] = Self.selection(recipe.vehicle, evseID: nil)
        var out = "{\n"
        for member in head.members {
            out += "  " + JSONWriter.compact.string(.string(member.key)) + ": "
            out += JSONWriter.compact.string(member.value) + ",\n"
        }
        out += "  \"steps\": [\n"
        out += steps.map { "    " + JSONWriter.compact.string($0) }.joined(separator: ",\n")
        out += "\n  ],\n  \"until\": " + JSONWriter.compact.string(.string(Self.durationText(end.sinceStart)))
        text = out + "\n}\n"
    }

    /// The background scenario's steps as written, or none.
    static func backgroundSteps(_ recipe: SessionRecipe, file: String) throws(ReplayError) -> [JSONValue] {
        guard let text = recipe.scenario else { return [] }
        guard let steps = (try? JSONParser().parse(Array(text.utf8), file: "scenario"))?["steps"]?.arrayValue else {
            throw ReplayError(file: file, line: 1, "header live.scenarioText: expected a scenario with \"steps\"")
        }
        return steps
    }

    /// `{"profile": id, …the resolved profile}`.
    static func selection(_ profile: JSONValue, evseID: String?) -> JSONValue {
        var object = JSONObject()
        object["profile"] = profile["id"] ?? .string("?")
        for member in profile.objectValue?.members ?? [] { object.set(member) }
        if let evseID {
            var everest = object["everest"]?.objectValue ?? JSONObject()
            everest["evseId"] = .string(evseID)
            object["everest"] = .object(everest)
        }
        return .object(object)
    }

    /// A recorded step object (a background step, a control action) placed at `time`: its own
    /// `at` gives way to the instant it actually ran.
    static func step(_ original: JSONObject, at time: SimInstant) -> JSONValue {
        var step = JSONObject()
        step["at"] = .string(durationText(time.sinceStart))
        for member in original.members where member.key != "at" { step.set(member) }
        return .object(step)
    }

    /// A duration as scenarios write it, exact: `12.5s`, or whole nanoseconds when a decimal
    /// form would not read back to the same value.
    static func durationText(_ d: SimDuration) -> String {
        let text = d.description
        if let back = try? SimDuration(parsing: text), back == d { return text }
        return "\(d.nanoseconds)ns"
    }

    /// A traced RAPI line (escaped, as `RAPIFormat.escaped` writes it) as text without its CR/LF
    /// terminator.
    static func trimmed(_ line: String) -> String {
        var bytes = RecordedInput.unescaped(line) ?? Array(line.utf8)
        while let last = bytes.last, last == 0x0D || last == 0x0A { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }
}
