public import EVSEModel
import Synchronization

/// Collects a running scenario's records for its report: the sink a run's trace callback
/// feeds (the callback is `@Sendable`, so the collector lives behind a lock).
public final class ReportRecorder: Sendable {
    private let collector: Mutex<ReportCollector>

    /// A recorder for the run described by `header`.
    public init(header: TraceHeader) { collector = Mutex(ReportCollector(header: header)) }

    /// Takes one record.
    public func add(_ record: TraceRecord) { collector.withLock { $0.add(record) } }

    /// What was gathered.
    public var session: ReportSession { collector.withLock { $0.session } }
}
