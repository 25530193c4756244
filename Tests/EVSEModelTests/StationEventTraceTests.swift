import SimCore
import Testing

@testable import EVSEModel

/// The trace is one rendering of the station's events: each event has its kind and fields, in
/// the order the README's trace section documents.
@Suite struct StationEventTraceTests {
    @Test(
        "each event renders as its trace kind and fields",
        arguments: [
            (StationEvent.evseState(from: .b, to: .c), "evse.state", #"from="B" to="C""#),
            (.bootStarted(firmwareVersion: "8.2.3"), "boot.start", #"firmware="8.2.3""#),
            (.bootCompleted(postCode: .stuckRelay), "boot.done", #"postcode="08""#),
            (.pilotSensed(nil), "pilot.sensed", #"state="none""#),
            (.pilotSignal(.off, amps: 0), "pilot.signal", #"signal="off" amps=0.0/2"#),
            (.faultEntered(.gfciFault, hard: true), "fault.state", #"state="gfciFault" hard=true"#),
            (.externalLimit(amps: 10, watts: nil, phases: 1), "limit.external", "amps=10.0/2 phases=1"),
            (.session(.sessionStarted), "session.event", #"event="SessionStarted""#),
            (.ocppStatus(.connected), "ocpp.status", #"status="connected""#),
            (.powerCut, "power.cut", ""),
        ])
    func rendersKindAndFields(event: StationEvent, kind: String, fields: String) {
        let record = TimedStationEvent(time: .zero + .seconds(3), event: event).record
        #expect(record.time == .zero + .seconds(3))
        #expect(record.source == "station")
        #expect(record.kind == kind)
        #expect(record.fields.map { "\($0.name)=\(Self.text($0.value))" }.joined(separator: " ") == fields)
    }

    @Test("a message record has the fields topic and payload, and only records of that shape are messages")
    func messageRecords() throws {
        let payload: TraceValue = .vouchedJSON(Array(#"{"a":1}"#.utf8))
        let record = TraceRecord(time: .zero, source: "mqtt", kind: "mqtt.publish", topic: "a/b", payload: payload)
        #expect(record.fields.map(\.name) == ["topic", "payload"])
        let message = try #require(record.message)
        #expect(message.topic == "a/b")
        #expect(message.payload == payload)
        let spelledOut = TraceRecord(
            time: .zero, source: "mqtt", kind: "mqtt.publish",
            fields: [.init("topic", .string("a/b")), .init("payload", payload)])
        #expect(spelledOut == record)
        #expect(spelledOut.message?.topic == "a/b")
        for other in [
            [TraceRecord.Field("topic", .string("a/b"))],
            [.init("topic", .int(3)), .init("payload", payload)],
            [.init("payload", payload), .init("topic", .string("a/b"))],
            [.init("topic", .string("a/b")), .init("payload", payload), .init("reason", "bad")],
        ] {
            #expect(TraceRecord(time: .zero, source: "mqtt", kind: "mqtt.publish", fields: other).message == nil)
        }
    }

    static func text(_ value: TraceValue) -> String {
        switch value {
        case .string(let s): "\"\(s)\""
        case .int(let i): String(i)
        case .number(let d, let decimals): "\(d)/\(decimals)"
        case .bool(let b): String(b)
        case .payload(let bytes), .vouchedJSON(let bytes), .vouchedSpacedJSON(let bytes):
            String(decoding: bytes, as: UTF8.self)
        }
    }
}
