import EVSEModel
import SimCore
import Testing

@testable import Scenario

@Suite("TraceLineWriter")
struct TraceLineWriterTests {
    /// Writes `records` with one remembering writer and checks every line against the plain one.
    func expectSameLines(_ records: [TraceRecord]) {
        let lines = TraceLineWriter()
        for record in records {
            var out: [UInt8] = []
            lines.append(record, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == TraceWriter().line(record))
        }
    }

    static func publication(_ second: Int, _ topic: String, _ payload: [UInt8], kind: String = "mqtt.publish")
        -> TraceRecord
    {
        TraceRecord(
            time: .zero + .seconds(Int64(second)), source: "mqtt", kind: kind,
            fields: [.init("topic", .string(topic)), .init("payload", .payload(payload))])
    }

    @Test("the same topics and payload buffers second after second give the plain writer's lines")
    func repeatedPublications() {
        let topics = (0..<5).map { "everest_api/evse_manager/var/topic_\($0)" }
        let cached: [UInt8] = Array(#"{ "max_current": 32.00, "phases": [1, 3] }"#.utf8)
        var records: [TraceRecord] = []
        for second in 0..<20 {
            records.append(Self.publication(second, topics[0], cached))
            records.append(Self.publication(second, topics[1], Array(#"{"n":\#(second)}"#.utf8)))
            records.append(Self.publication(second, topics[2], Array("2026-01-01T00:00:0\(second % 10).000Z".utf8)))
            // A new buffer with the same bytes, and the cached buffer under another topic.
            records.append(Self.publication(second, topics[3], Array(cached)))
            records.append(Self.publication(second, topics[4], cached, kind: "mqtt.receive"))
        }
        expectSameLines(records)
    }

    @Test(
        "topics and payloads that need escaping, small topics and fields that are no topic are written as by the plain writer",
        arguments: [
            "everest_api/evse \"quoted\"/var/limits", "short/topic", "everest_api/évse/var/limits",
            "everest_api/evse_manager/var/tab\there",
        ])
    func unusualTopics(topic: String) {
        let payloads: [[UInt8]] = [
            Array(#"{"a":"line\nbreak"}"#.utf8), Array("plain text".utf8), Array("say \"hi\"".utf8),
            [0xFF, 0x41], Array("ünïcode".utf8), Array("[1e3, 2]".utf8), [],
        ]
        var records: [TraceRecord] = []
        for (second, payload) in (payloads + payloads).enumerated() {
            records.append(Self.publication(second, topic, payload))
            records.append(
                TraceRecord(
                    time: .zero + .seconds(Int64(second)), source: "station", kind: "relay",
                    fields: [.init("closed", .bool(true)), .init("payload", .payload(payload)), .init("n", .int(3))]))
        }
        expectSameLines(records)
    }

    @Test("more topics than it remembers: the oldest are replaced and every line stays the same")
    func manyTopics() {
        let payload: [UInt8] = Array(#"{"state":"Charging"}"#.utf8)
        let topics = (0..<(TraceLineWriter.maximumTopics + 10)).map { "everest_api/evse_\($0)/var/session_info" }
        var records: [TraceRecord] = []
        for second in 0..<3 {
            for topic in topics {
                records.append(Self.publication(second, topic, second == 1 ? Array(payload) : payload))
            }
        }
        expectSameLines(records)
    }

    @Test("one topic under alternating kinds, vouched payloads and records between them keep the plain writer's lines")
    func alternatingKinds() {
        let topic = "everest_api/evse_manager/var/session_info"
        let payload: [UInt8] = Array(#"{"state":"Charging"}"#.utf8)
        var records: [TraceRecord] = []
        for second in 0..<4 {
            for kind in ["mqtt.publish", "mqtt.receive", "mqtt.publish"] {
                records.append(Self.publication(second, topic, payload, kind: kind))
            }
            var vouched = Self.publication(second, topic, payload)
            vouched.fields[1].value = .vouchedJSON(payload)
            records.append(vouched)
            vouched.fields[1].value = .vouchedSpacedJSON(Array(#"{"a": 1, "b": [2, 3]}"#.utf8))
            records.append(vouched)
            records.append(
                TraceRecord(
                    time: .zero + .milliseconds(Int64(second) * 1000 + 250), source: "station", kind: "relay",
                    fields: [.init("closed", .bool(second % 2 == 0))]))
        }
        expectSameLines(records)
    }
}
