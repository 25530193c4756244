import Foundation
import Testing

@testable import Control

/// The control API over a real loopback socket against a served fleet.
@Suite struct ControlAPITests {
    static func object(_ text: String) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(value as? [String: Any], "not a JSON object: \(text)")
    }

    @Test("GET /api/stations lists every station with its state and the loop's lag")
    func list() throws {
        let reply = try ControlTestSession.run(count: 2) { port in
            try HTTPTestClient.request(port: port, "GET", "/api/stations")
        }
        #expect(reply.status == 200)
        #expect(reply.headers["content-type"] == "application/json")
        let list = try Self.object(reply.body)
        #expect(list["lagMs"] is Double)
        let stations = try #require(list["stations"] as? [[String: Any]])
        #expect(stations.map { $0["index"] as? Int } == [0, 1])
        let state = try #require(stations[0]["state"] as? [String: Any])
        #expect(state["evse.state"] as? String == "A")
        #expect(state["vehicle.connected"] as? Bool == false)
    }

    @Test("an action is applied on the live loop, answered with the station after it, and traced")
    func plug() throws {
        let trace = LiveSetup.temporaryPath("control-trace.jsonl")
        defer { unlink(trace) }
        let (reply, later) = try ControlTestSession.run(tracePath: trace) { port in
            let reply = try HTTPTestClient.request(
                port: port, "POST", "/api/stations/0/actions", body: #"{"do": "plug"}"#)
            var later = reply
            // The EV negotiates over the pilot for a few simulated seconds before it draws.
            waitUntil(timeout: .seconds(30)) {
                later = (try? HTTPTestClient.request(port: port, "GET", "/api/stations/0")) ?? later
                return (try? Self.object(later.body)["state"] as? [String: Any])??["evse.state"] as? String == "C"
            }
            return (reply, later)
        }
        #expect(reply.status == 200, "\(reply.body)")
        let answer = try Self.object(reply.body)
        #expect((answer["applied"] as? [String: Any])?["do"] as? String == "plug")
        let station = try #require(answer["station"] as? [String: Any])
        #expect((station["state"] as? [String: Any])?["vehicle.connected"] as? Bool == true)
        #expect((try Self.object(later.body)["state"] as? [String: Any])?["evse.state"] as? String == "C")
        let records = try LiveSetup.traceRecords(trace)
        let control = try #require(records.first { $0["kind"] as? String == "input.control" })
        #expect(control["src"] as? String == "control")
        #expect((control["action"] as? [String: Any])?["do"] as? String == "plug")
        let plugged = try #require(records.first { $0["kind"] as? String == "vehicle.plug" })
        #expect(plugged["t"] as? Double == control["t"] as? Double, "applied at the instant the loop stamped")
    }

    @Test(
        "a bad action gets 400 with the scenario reader's located message",
        arguments: [
            (#"{"do": "setSoc", "soc": 2}"#, "request body:1:25: $.soc: expected a number from 0 to 1, found 2"),
            (#"{"do": "plugg"}"#, #"did you mean "plug"?"#),
            (#"{"do": "fault"}"#, "fault"),
            (#"{"do": "plug", "at": "10s"}"#, "$.at"),
            (#"{"do": "#, "request body"),
        ])
    func badAction(body: String, message: String) throws {
        let reply = try ControlTestSession.run { port in
            try HTTPTestClient.request(port: port, "POST", "/api/stations/0/actions", body: body)
        }
        #expect(reply.status == 400)
        let answer = try Self.object(reply.body)
        let issues = try #require(answer["issues"] as? [String], "\(reply.body)")
        #expect(issues.contains { $0.contains(message) }, "\(issues)")
    }

    @Test(
        "an unknown station is 404, a malformed index 400",
        arguments: [("/api/stations/7", 404), ("/api/stations/x", 400), ("/api/stations/-1/actions", 400)])
    func noStation(path: String, status: Int) throws {
        let reply = try ControlTestSession.run { port in
            try HTTPTestClient.request(port: port, path.hasSuffix("actions") ? "POST" : "GET", path, body: "{}")
        }
        #expect(reply.status == status, "\(reply.body)")
        #expect(try Self.object(reply.body)["error"] is String)
    }

    @Test("the event stream sends the station's state, then its trace records as they happen")
    func events() throws {
        let text = try ControlTestSession.run { port in
            try HTTPTestClient.stream(
                port: port, "/api/stations/0/events", timeout: .seconds(30),
                start: {
                    _ = try HTTPTestClient.request(
                        port: port, "POST", "/api/stations/0/actions", body: #"{"do": "plug"}"#)
                },
                until: { $0.contains(#""kind":"vehicle.plug""#) })
        }
        #expect(text.contains("text/event-stream"))
        #expect(text.contains("event: status\ndata: {\"index\":0"))
        #expect(text.contains(#"event: record"# + "\n" + #"data: {"t":"#))
        #expect(text.contains(#""kind":"input.control","action":{"do":"plug"}"#))
        #expect(text.contains(#""kind":"vehicle.plug""#))
    }

    @Test("with a token, requests without it get 401; a bearer header or ?token= is accepted")
    func token() throws {
        let replies = try ControlTestSession.run(token: "s3cret") { port in
            [
                try HTTPTestClient.request(port: port, "GET", "/api/stations"),
                try HTTPTestClient.request(
                    port: port, "GET", "/api/stations", headers: ["Authorization": "Bearer nope"]),
                try HTTPTestClient.request(port: port, "POST", "/api/stations/0/actions", body: #"{"do":"plug"}"#),
                try HTTPTestClient.request(port: port, "GET", "/", headers: ["Authorization": "Bearer s3cret"]),
                try HTTPTestClient.request(port: port, "GET", "/api/stations?token=s3cret"),
            ]
        }
        #expect(replies.map(\.status) == [401, 401, 401, 200, 200])
        #expect(replies[0].body.contains("Authorization: Bearer"))
    }

    @Test("/openapi.json is the committed Sources/Control/Resources/openapi.json")
    func openAPI() throws {
        let reply = try ControlTestSession.run { port in
            try HTTPTestClient.request(port: port, "GET", "/openapi.json")
        }
        let committed = try String(contentsOfFile: ControlFiles.openAPI, encoding: .utf8)
        #expect(reply.status == 200)
        let same = reply.body == committed
        #expect(
            same,
            "regenerate: curl -s http://127.0.0.1:PORT/openapi.json > Sources/Control/Resources/openapi.json")
    }

    @Test("the dashboard is one page with no external resources")
    func dashboard() throws {
        let reply = try ControlTestSession.run { port in try HTTPTestClient.request(port: port, "GET", "/") }
        #expect(reply.status == 200)
        #expect(reply.headers["content-type"] == "text/html; charset=utf-8")
        // The SVG namespace is a name, not a resource.
        let page = reply.body.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "")
        for external in ["http://", "https://", "src=", "@import", "<link rel=\"stylesheet\""] {
            #expect(!page.contains(external), "\(external)")
        }
        #expect(reply.body.contains("new EventSource("))
        #expect(reply.body.contains("/api/actions"))
    }
}

/// Files of the checkout the control tests compare with.
enum ControlFiles {
    static var openAPI: String { LiveSetup.packageRoot + "/Sources/Control/Resources/openapi.json" }
}

extension ControlAPITests {
    @Test("a session driven through the control API replays identically and converts to a green scenario")
    func replay() throws {
        let trace = LiveSetup.temporaryPath("control-live.jsonl")
        let scenario = LiveSetup.temporaryPath("control-regression.json")
        defer {
            unlink(trace)
            unlink(scenario)
        }
        try ControlTestSession.run(tracePath: trace) { port in
            for body in [#"{"do": "plug"}"#, #"{"do": "setSoc", "soc": 0.75}"#, #"{"do": "evPause"}"#] {
                let reply = try HTTPTestClient.request(port: port, "POST", "/api/stations/0/actions", body: body)
                #expect(reply.status == 200, "\(reply.body)")
                usleep(300_000)
            }
        }
        let evsesim = LiveServeTests.ReplayServeTests.evsesim
        let replay = try evsesim(["replay", "--profiles", LiveSetup.profiles, trace])
        #expect(replay.status == 0, "\(replay.output)")
        #expect(replay.output.contains("identical") && replay.output.contains("3 inputs replayed"), "\(replay.output)")
        let convert = try evsesim(["replay", trace, "--to-scenario", scenario])
        #expect(convert.status == 0, "\(convert.output)")
        let text = try String(contentsOfFile: scenario, encoding: .utf8)
        #expect(text.contains(#""do":"setSoc","soc":0.75}"#), "\(text)")
        let run = try evsesim(["run", "--profiles", LiveSetup.profiles, scenario])
        #expect(run.status == 0, "\(run.output)")
    }
}
