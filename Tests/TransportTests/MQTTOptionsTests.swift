import Testing

@testable import Live
@testable import Transport

@Suite("MQTT broker URLs")
struct MQTTOptionsTests {
    struct Valid: Sendable, CustomTestStringConvertible {
        var url: String
        var host: String
        var port: Int
        var tls: Bool
        var username: String?
        var password: String?
        var prefix: String
        var testDescription: String { url }
    }

    static let valid: [Valid] = [
        Valid(url: "mqtt://localhost", host: "localhost", port: 1883, tls: false, prefix: ""),
        Valid(url: "mqtts://broker.example", host: "broker.example", port: 8883, tls: true, prefix: ""),
        Valid(url: "mqtt://127.0.0.1:1884/", host: "127.0.0.1", port: 1884, tls: false, prefix: ""),
        Valid(
            url: "mqtt://user:pass@host:1234/lab/bench-1", host: "host", port: 1234, tls: false, username: "user",
            password: "pass", prefix: "lab/bench-1"),
        Valid(
            url: "MQTTS://us%40er:p%3Ass@[::1]:8884//site%20a/", host: "::1", port: 8884, tls: true,
            username: "us@er", password: "p:ss", prefix: "site a"),
        Valid(url: "mqtt://only-user@h", host: "h", port: 1883, tls: false, username: "only-user", prefix: ""),
    ]

    @Test("reads host, port, TLS, credentials and prefix", arguments: valid)
    func parsesValid(_ example: Valid) throws {
        let options = try MQTTOptions(url: example.url)
        #expect(options.host == example.host)
        #expect(options.port == example.port)
        #expect(options.useTLS == example.tls)
        #expect(options.username == example.username)
        #expect(options.password == example.password)
        #expect(options.topicPrefix == example.prefix)
    }

    @Test("query items set client id, keepalive and CA file")
    func queryItems() throws {
        let options = try MQTTOptions(url: "mqtts://h/p?clientid=sim%2D7&keepalive=15&cafile=/etc/ca.pem")
        #expect(options.clientID == "sim-7")
        #expect(options.keepaliveSeconds == 15)
        #expect(options.caFile == "/etc/ca.pem")
        #expect(try MQTTOptions(url: "mqtt://h", clientID: "given").clientID == "given")
    }

    @Test(
        "rejects bad URLs with a reason",
        arguments: [
            ("localhost:1883", "expected a URL"),
            ("http://host", "unsupported scheme 'http'"),
            ("mqtt://", "host is missing"),
            ("mqtt://host:0", "port '0'"),
            ("mqtt://host:70000", "port '70000'"),
            ("mqtt://host:12ab", "port '12ab'"),
            ("mqtt://::1:1883", "brackets"),
            ("mqtt://[::1", "missing its ']'"),
            ("mqtt://host/a/+/b", "wildcard"),
            ("mqtt://host/#", "'#' is not allowed"),
            ("mqtt://:secret@host", "user name is empty"),
            ("mqtt://host/%zz", "percent-encoded"),
            ("mqtt://host?keepalive=2", "minimum of 5"),
            ("mqtt://host?keepalive=soon", "whole number"),
            ("mqtt://host?qos=1", "unknown query item 'qos'"),
        ])
    func rejectsInvalid(_ url: String, _ reason: String) {
        #expect {
            try MQTTOptions(url: url)
        } throws: { error in
            guard let error = error as? MQTTOptionsError else { return false }
            return error.reason.contains(reason) && error.description.contains("invalid MQTT broker URL")
        }
    }

    @Test("a password never appears in an error or a log line")
    func redactsPassword() throws {
        #expect {
            try MQTTOptions(url: "mqtt://alice:hunter2@host:99999/x")
        } throws: { error in
            let text = "\(error)"
            return !text.contains("hunter2") && text.contains("alice:***@host")
        }
        let options = try MQTTOptions(url: "mqtts://alice:hunter2@host/x")
        #expect(options.redactedURL == "mqtts://alice@host:8883/x")
    }

    @Test("the prefix is added to outgoing topics and removed from incoming ones")
    func topicPrefix() {
        let options = MQTTOptions(topicPrefix: "lab")
        #expect(options.fullTopic("everest_api/evse/var/x") == "lab/everest_api/evse/var/x")
        #expect(options.relativeTopic("lab/everest_api/evse/cmd/y") == "everest_api/evse/cmd/y")
        #expect(options.relativeTopic("laboratory/z") == "laboratory/z")
        let none = MQTTOptions()
        #expect(none.fullTopic("a/b") == "a/b")
        #expect(none.relativeTopic("a/b") == "a/b")
    }
}
