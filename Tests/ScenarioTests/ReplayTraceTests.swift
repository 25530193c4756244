import JSON
import RAPI
import SimCore
import Testing

@testable import Scenario

/// The replay's trace reading, input decoding, comparison and scenario export, without I/O.
@Suite("Replay: trace reading, inputs, comparison, export")
struct ReplayTraceTests {
    static let header =
        #"{"trace":"evsesim/trace@2","scenario":"evsesim serve","file":"-","seed":3,"start":"2026-03-01T18:00:00.000Z","evsesim":"0.1.0","live":{"stations":1,"station":{"id":"openevse-8.2.3-us","configuredMaxAmps":32},"vehicle":{"id":"compact-40kwh-1ph"},"flavor":"everest","evseId":null,"systemId":"system","powerOn":false,"traceTelemetry":false,"served":{}}}"#

    static let records = [
        #"{"t":0,"src":"station","kind":"evse.state","from":"unknown","to":"A"}"#,
        #"{"t":1,"src":"mqtt","kind":"mqtt.publish","topic":"everest_api/evse_manager/var/session_info","payload":{"state":"Unplugged"}}"#,
        #"{"t":2.5,"src":"pty","kind":"pty.attach"}"#,
        #"{"t":2.500000001,"src":"pty","kind":"pty.receive","bytes":"$GV^35\\r$S"}"#,
        #"{"t":2.500000001,"src":"rapi","kind":"rapi.in","line":"$GV^35"}"#,
        #"{"t":2.500000001,"src":"rapi","kind":"rapi.out","line":"$OK 8.2.3 5.2.1^2F\\r","type":"reply"}"#,
        #"{"t":3,"src":"mqtt","kind":"input.mqtt","topic":"everest_api/evse_manager/cmd/set_limit_amps","payload":"10"}"#,
        #"{"t":3,"src":"mqtt","kind":"mqtt.receive","topic":"everest_api/evse_manager/cmd/set_limit_amps","payload":"10","result":"applied"}"#,
        #"{"t":4,"src":"mqtt","kind":"mqtt.publish","topic":"everest_api/evse_manager/var/session_info","payload":{"state":"Unplugged","x":1}}"#,
        #"{"t":9,"src":"live","kind":"live.stop"}"#,
    ]

    static func trace(_ records: [String] = records) throws -> RecordedTrace {
        try RecordedTrace(bytes: Array(([header] + records).joined(separator: "\n").utf8) + [10], file: "live.jsonl")
    }

    @Test(
        "t is read exactly from its text",
        arguments: [("0", 0), ("12.5", 12_500_000_000), ("2.500000001", 2_500_000_001)])
    func exactTime(text: String, nanoseconds: Int64) {
        let line = Array("{\"t\":\(text),\"src\":\"x\"".utf8)
        #expect(RecordedTrace.time(of: line) == .zero + .nanoseconds(nanoseconds))
    }

    @Test("a line that is not a record is refused with its line number")
    func badLine() throws {
        #expect(
            throws: ReplayError(file: "live.jsonl", line: 3, "expected a trace record {\"t\":…,\"src\":…,\"kind\":…}")
        ) {
            try Self.trace([Self.records[0], "not json"])
        }
    }

    @Test("inputs: pty bytes unescaped, MQTT payloads as text, unknown input kinds refused")
    func inputs() throws {
        let trace = try Self.trace()
        let inputs = try trace.records.compactMap { try RecordedInput.from($0, file: trace.file) }
        #expect(
            inputs == [
                .rapi(station: 0, bytes: Array("$GV^35\r$S".utf8)),
                .mqtt(topic: "everest_api/evse_manager/cmd/set_limit_amps", payload: Array("10".utf8)),
            ])
        #expect(trace.end == .zero + .seconds(9))
        let future = try Self.trace([#"{"t":1,"src":"control","kind":"input.control","action":"plug"}"#])
        #expect(throws: ReplayError.self) { try RecordedInput.from(future.records[0], file: "live.jsonl") }
    }

    @Test("input.ocpp: CSMS frames as sent, connection changes; the recipe keeps the OCPP face's options")
    func ocppInputs() throws {
        let trace = try Self.trace([
            #"{"t":1,"src":"ocpp","kind":"input.ocpp","connection":"up"}"#,
            #"{"t":1.5,"src":"ocpp","kind":"input.ocpp","frame":[3,"1",{"status":"Accepted","interval":300}]}"#,
            #"{"t":2,"src":"ocpp","kind":"input.ocpp","frame":"not a frame"}"#,
            #"{"t":3,"src":"ocpp","kind":"input.ocpp","connection":"down"}"#,
        ])
        let inputs = try trace.records.compactMap { try RecordedInput.from($0, file: trace.file) }
        #expect(
            inputs == [
                .ocppConnection(station: 0, up: true),
                .ocppFrame(station: 0, bytes: Array(#"[3,"1",{"status":"Accepted","interval":300}]"#.utf8)),
                .ocppFrame(station: 0, bytes: Array("not a frame".utf8)),
                .ocppConnection(station: 0, up: false),
            ])
        let odd = try Self.trace([#"{"t":1,"src":"ocpp","kind":"input.ocpp","connection":"sideways"}"#])
        #expect(throws: ReplayError.self) { try RecordedInput.from(odd.records[0], file: "live.jsonl") }

        var recipe = try SessionRecipe(header: trace.header, file: trace.file)
        #expect(recipe.ocppID == nil)
        recipe.ocppID = "CP-9"
        recipe.ocppPingInterval = 5
        recipe.ocppAuthorizationKey = true
        let header = JSONValue.object(recipe.headerMembers)
        #expect(header["live"]?["ocpp"]?["authorizationKey"] == true, "whether there was a key, never the key")
        let back = try SessionRecipe(header: header, file: "header")
        #expect(back.ocppID == "CP-9" && back.ocppPingInterval == 5 && back.ocppAuthorizationKey)
    }

    @Test("escaping round-trips every byte", arguments: [[0x24, 0x0D, 0x0A, 0x00, 0x5C, 0xFF, 0x41], Array(0...255)])
    func escaping(bytes: [UInt8]) {
        #expect(RecordedInput.unescaped(RAPIFormat.escaped(bytes)) == bytes)
    }

    @Test("identical records compare equal; attach, detach and live records are left out")
    func identical() throws {
        let trace = try Self.trace()
        var replayed = Self.records
        replayed.remove(at: 2)  // no pty.attach in a replay
        let comparison = TraceComparison(recorded: trace.records, replayed: try Self.trace(replayed).records)
        #expect(comparison.divergence == nil)
        #expect(comparison.matched == 8)
    }

    @Test("a changed reply is the first divergence: its time, kind, line, both texts")
    func changedReply() throws {
        var edited = Self.records
        edited[5] = edited[5].replacing("8.2.3 5.2.1", with: "8.2.4 5.2.1")
        let comparison = TraceComparison(recorded: try Self.trace(edited).records, replayed: try Self.trace().records)
        let divergence = try #require(comparison.divergence)
        #expect(divergence.time == .zero + .nanoseconds(2_500_000_001))
        #expect(divergence.kind == "rapi.out")
        #expect(divergence.line == 7)
        #expect(divergence.expected?.contains("8.2.4") == true)
        #expect(divergence.found?.contains("8.2.3") == true)
        #expect("\(divergence)".contains("first divergence at t=2.500000001"))
    }

    @Test("a replay that stops early is a divergence at the missing record")
    func shorter() throws {
        let comparison = TraceComparison(
            recorded: try Self.trace().records, replayed: try Self.trace(Array(Self.records.prefix(6))).records)
        #expect(comparison.divergence?.kind == "input.mqtt")
        #expect(comparison.divergence?.found == nil)
    }

    @Test("the export: RAPI steps with their replies, MQTT steps, watches between inputs, until the stop")
    func export() throws {
        let trace = try Self.trace()
        let export = try ScenarioExport(trace: trace, recipe: SessionRecipe(header: trace.header, file: trace.file))
        let json = try JSONParser().parse(Array(export.text.utf8), file: "out.json")
        let steps = try #require(json["steps"]?.arrayValue)
        #expect(steps.count == 4)
        #expect(steps[0]["expect"]?["mqtt"]?["within"]?.stringValue == "1s")
        #expect(steps[1].jsonText == #"{"at":"2.500000001s","rapi":"$GV^35","expect":["$OK 8.2.3 5.2.1^2F"]}"#)
        #expect(
            steps[2]["mqtt"]?.jsonText == #"{"topic":"everest_api/evse_manager/cmd/set_limit_amps","payload":"10"}"#)
        #expect(steps[3]["expect"]?["mqtt"]?["json"]?.jsonText == #"{"state":"Unplugged","x":1}"#)
        #expect(json["until"]?.stringValue == "9s")
        #expect(json["station"]?["profile"]?.stringValue == "openevse-8.2.3-us")
        #expect(json["seed"]?.numberValue?.int64Value == 3)
        // The scenario reads back as a valid one.
        _ = try PreparedScenario(bytes: Array(export.text.utf8), file: "out.json", library: RunnerFixture.library)
    }

    @Test("a trace without a live recipe is refused with what can be replayed")
    func noRecipe() throws {
        let header = try JSONParser().parse(Array(#"{"trace":"evsesim/trace@2","seed":1}"#.utf8), file: "x")
        #expect(throws: ReplayError.self) { try SessionRecipe(header: header, file: "x.jsonl") }
    }

    @Test("the recipe survives the header and rebuilds the profiles")
    func recipeRoundTrip() throws {
        let library = RunnerFixture.library
        var recipe = SessionRecipe(
            station: try #require(library.resolvedStationJSON(ProfileSelection(profile: "openevse-8.2.3-uk"))),
            vehicle: try #require(library.resolvedVehicleJSON(nil)))
        recipe.evseID = "bay_1"
        recipe.powerOn = true
        let line = TraceWriter().header(scenario: "s", file: "-", seed: 1, start: "x", extra: recipe.headerMembers)
        let back = try SessionRecipe(header: JSONParser().parse(Array(line.utf8), file: "h"), file: "h")
        #expect(back == recipe)
        let direct = try library.stationProfile(ProfileSelection(profile: "openevse-8.2.3-uk"), file: "t")
        #expect(try back.stationProfile(file: "h") == direct)
    }
}
