import Foundation
import JSON
import Live
import Scenario
import Synchronization
import Testing

@testable import Control

/// The control API's logic without sockets: addresses and tokens, reading a request into an
/// action, the desk's answers on the loop's side, the event hub, the OpenAPI document.
@Suite struct ControlProtocolTests {
    @Test(
        "--control values that are accepted",
        arguments: [
            ("127.0.0.1:8080", false, "127.0.0.1", 8080), ("[::1]:9000", false, "::1", 9000),
            ("localhost:1", false, "localhost", 1), (":8080", false, "127.0.0.1", 8080),
            ("127.8.9.10:0", false, "127.8.9.10", 0), ("0.0.0.0:80", true, "0.0.0.0", 80),
        ])
    func accepted(text: String, any: Bool, host: String, port: Int) throws {
        let address = try ControlAddress(parsing: text, anyAddress: any, token: any ? "t" : nil)
        #expect(address.host == host)
        #expect(address.port == port)
    }

    @Test(
        "--control values that are refused name what to fix",
        arguments: [
            ("0.0.0.0:80", false, nil, "--control-any"), ("192.168.1.5:80", false, "t", "not a loopback address"),
            ("10.0.0.1:80", true, nil, "--control-token"), ("127.0.0.1:99999", false, nil, "port 0…65535"),
            ("8080", false, nil, "HOST:PORT"), ("[::1]8080", false, nil, "[IPv6]:PORT"),
            ("127.0.0.1:80", false, "a b", "without spaces"), ("128.0.0.1:80", false, nil, "--control-any"),
        ] as [(String, Bool, String?, String)])
    func refused(text: String, any: Bool, token: String?, mention: String) {
        #expect {
            try ControlAddress(parsing: text, anyAddress: any, token: token)
        } throws: { error in
            "\(error)".contains(mention)
        }
    }

    @Test(
        "tokens compare equal only when identical",
        arguments: [("abc", "abc", true), ("abc", "abd", false), ("ab", "abc", false), ("", "x", false)])
    func tokens(a: String, b: String, same: Bool) {
        #expect(ControlAddress.sameToken(a, b) == same)
    }

    @Test("a request body is read by the scenario reader: the action and its compact JSON")
    func readAction() throws {
        let result = ControlServer.readAction(Array(#"{ "do": "setSoc",  "soc": 0.5 }"#.utf8))
        let (action, text) = try result.get()
        #expect(action == .station(.setSoc(0.5)))
        #expect(String(decoding: text, as: UTF8.self) == #"{"do":"setSoc","soc":0.5}"#)
    }

    @Test(
        "a bad body is a 400 with the reader's issues",
        arguments: [
            (
                #"{"do": "heartbeat", "interval": 341320118474, "current": 20}"#,
                "$.interval: expected a whole number of seconds 0…65535"
            ),
            (#"{"do": "ukRandomDelayMax", "seconds": 3000000000}"#, "0…2147483647"),
            (#"["plug"]"#, "$: expected an action object like"),
            (#"{"do": "fault", "fault": "gfci"}"#, "did you mean"),
            ("plug", "request body:1:1"),
        ])
    func badBody(body: String, mention: String) throws {
        guard case .failure(let reply) = ControlServer.readAction(Array(body.utf8)) else {
            Issue.record("accepted: \(body)")
            return
        }
        #expect(reply.status == 400)
        let text = String(decoding: reply.body, as: UTF8.self)
        #expect(text.contains(mention), "\(text)")
    }

    @Test("the desk answers on the loop's side: list, one station, an action, an unknown station")
    func desk() throws {
        var configuration = try LiveSetup.configuration(ptyPath: nil, count: 2)
        configuration.observed = true
        let fleet = try LiveFleet(configuration: configuration, logger: quietLogger)
        try fleet.start()
        let desk = ControlDesk(fleet: fleet, gate: try ControlGate())
        let replies = Mutex<[ControlReply]>([])
        let keep: ControlMessage.Reply = { reply in replies.withLock { $0.append(reply) } }
        let plug = try ControlServer.readAction(Array(#"{"do":"plug"}"#.utf8)).get()
        desk.handle(.perform(1, plug.0, plug.1, keep))
        desk.handle(.station(1, keep))
        desk.handle(.station(9, keep))
        desk.handle(.list(keep))
        let got = replies.withLock { $0 }
        #expect(got.map(\.status) == [200, 200, 404, 200])
        let station = try JSONParser().parse(got[1].body, file: "reply")
        #expect(station["state"]?["vehicle.connected"]?.boolValue == true)
        #expect(String(decoding: got[2].body, as: UTF8.self).contains("no station 9"))
        let list = try JSONParser().parse(got[3].body, file: "reply")
        #expect(list["stations"]?.arrayValue?.count == 2)
        #expect(list["lagMs"] != nil)
    }

    @Test("the event hub sends frames to a station's listeners and ends their streams")
    func hub() async {
        let hub = EventHub()
        let stream = hub.subscribe(station: 3)
        #expect(hub.isWatched(station: 3))
        #expect(!hub.isWatched(station: 0))
        hub.publish(station: 3, event: "record", data: #"{"t":1}"#)
        hub.publish(station: 0, event: "record", data: "not for 3")
        hub.finish()
        var frames: [String] = []
        for await buffer in stream { frames.append(String(buffer: buffer)) }
        #expect(frames == ["event: record\ndata: {\"t\":1}\n\n"])
    }

    @Test("the OpenAPI document describes every action, and every reference resolves")
    func openAPI() throws {
        let document = try JSONParser().parse(Array(OpenAPIDocument.text.utf8), file: "openapi.json")
        let schemas = try #require(document["components"]?["schemas"]?.objectValue)
        for name in ScenarioAction.Name.allCases {
            let schema = try #require(schemas["Action_\(name.rawValue)"], "\(name)")
            #expect(schema["required"]?.arrayValue?.count == name.requiredParameters.count + 1)
        }
        let references = OpenAPIDocument.text.split(separator: "\"$ref\":\"#/components/schemas/").dropFirst()
        #expect(!references.isEmpty)
        for reference in references {
            let name = String(reference.prefix { $0 != "\"" })
            #expect(schemas[name] != nil, "\(name)")
        }
    }
}
