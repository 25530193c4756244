import EVSEModel
import SimCore

/// One line of the log a station uploads: a station event (rendered only when a log is
/// uploaded, so keeping it costs little) or another trace record.
enum SystemLogEntry: Sendable {
    case event(TimedStationEvent)
    case record(TraceRecord)
    /// An `mqtt.publish` record (`topic`, `payload`) without its fields array: with every
    /// publication traced these are nearly all the log, and each array was freed only when its
    /// record left the log, long after it was last touched; this way it goes with the trace line.
    case publication(time: SimInstant, topic: String, payload: TraceValue)

    /// `record`, stored as a ``publication(time:topic:payload:)`` when it is one.
    init(_ record: TraceRecord) {
        if record.source == "mqtt", record.kind == "mqtt.publish", let message = record.message {
            self = .publication(time: record.time, topic: message.topic, payload: message.payload)
        } else {
            self = .record(record)
        }
    }

    var time: SimInstant {
        switch self {
        case .event(let e): e.time
        case .record(let r): r.time
        case .publication(let time, _, _): time
        }
    }

    var record: TraceRecord {
        switch self {
        case .event(let e): e.record
        case .record(let r): r
        case .publication(let time, let topic, let payload):
            TraceRecord(time: time, source: "mqtt", kind: "mqtt.publish", topic: topic, payload: payload)
        }
    }
}
