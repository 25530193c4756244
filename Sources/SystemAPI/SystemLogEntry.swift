import EVSEModel
import SimCore

/// One line of the log a station uploads: a station event (rendered only when a log is
/// uploaded, so keeping it costs little) or another trace record.
enum SystemLogEntry: Sendable {
    case event(TimedStationEvent)
    case record(TraceRecord)

    var time: SimInstant {
        switch self {
        case .event(let e): e.time
        case .record(let r): r.time
        }
    }

    var record: TraceRecord {
        switch self {
        case .event(let e): e.record
        case .record(let r): r
        }
    }
}
