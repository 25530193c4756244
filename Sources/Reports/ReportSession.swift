import EVSEModel
public import Scenario

/// What a report shows of one scenario run, gathered from its trace.
public struct ReportSession: Sendable {
    /// The trace's header.
    public var header: TraceHeader
    /// Seconds from the start to the last record.
    public var end: Double = 0
    /// Numeric readings of `sample` records by field name (`power`, `l1`, …), each point the
    /// value from then on; categorical readings (`pilot`, `relay`, `everest`) as the index of
    /// their value in ``categories``.
    public var series: [String: [ChartPoint]] = [:]
    /// The values a categorical reading can take, in the order they are drawn from the bottom.
    public var categories: [String: [String]] = ReportSession.knownCategories
    /// Each active error's spans: (error type, from, to; nil while still active at the end).
    public var errors: [ErrorSpan] = []
    /// Scenario steps as they started.
    public var steps: [Mark] = []
    /// RAPI lines a client (or a scenario step) sent.
    public var rapi: [Mark] = []
    /// Asynchronous RAPI lines the station sent (`$AT`, `$AB`, …).
    public var rapiAsync: [Mark] = []
    /// MQTT commands received.
    public var mqtt: [Mark] = []
    /// Verdicts in the order they were decided.
    public var verdicts: [Verdict] = []

    /// An empty session for a trace with `header`.
    public init(header: TraceHeader) { self.header = header }

    /// The categorical readings' values, lowest first.
    public static let knownCategories: [String: [String]] = [
        "pilot": ["none"] + PilotState.allCases.map(\.rawValue),
        "relay": ["open", "closed"],
        "everest": EverestSide.Phase.allCases.map(\.rawValue),
    ]

    /// Something that happened at one instant, drawn as a tick with its text as a tooltip.
    public struct Mark: Hashable, Sendable {
        public var t: Double
        public var text: String
        public init(_ t: Double, _ text: String) {
            self.t = t
            self.text = text
        }
    }

    /// An error's active span.
    public struct ErrorSpan: Hashable, Sendable {
        public var type: String
        public var from: Double
        public var to: Double?
    }

    /// Whether every verdict passed.
    public var passed: Bool { verdicts.allSatisfy(\.passed) }
}

extension Verdict {
    /// Seconds since the start, where the charts place it.
    public var t: Double { Double(time.nanoseconds) / 1e9 }
}
