public import SimCore

/// Compares the outputs of a recorded session with those of its replay, record by record.
///
/// Compared: every record but those that describe the serving rather than the session (the
/// `live` source: lag, stop; pty attach, detach and echo, which depend on the client process).
/// Inputs are compared too: the replay writes them again as it feeds them.
public struct TraceComparison: Sendable {
    /// The first record that differs.
    public struct Divergence: Sendable, CustomStringConvertible {
        /// The instant of the expected record (or the found one when the recording had ended).
        public var time: SimInstant
        /// The kind of the expected record (or the found one).
        public var kind: String
        /// Its line in the recorded trace, nil when the recording had no more records.
        public var line: Int?
        /// The records as written; nil when one side had no more.
        public var expected: String?
        public var found: String?

        /// A few lines: where, then expected and found.
        public var description: String {
            var out = "first divergence at t=\(TraceWriter.seconds(time)) [\(HumanFormat.instant(time))] (\(kind)"
            out += (line.map { ", recorded line \($0)" } ?? "") + "):\n"
            out += "  expected " + (expected ?? "no more records (the replay produced more)") + "\n"
            out += "  found    " + (found ?? "no more records (the replay produced fewer)")
            return out
        }
    }

    /// How many records matched.
    public private(set) var matched = 0
    /// The first difference, or nil when the sessions are identical.
    public private(set) var divergence: Divergence?

    /// Whether a record takes part in the comparison.
    public static func isCompared(source: String, kind: String) -> Bool {
        source != "live" && !["pty.attach", "pty.detach", "pty.echo"].contains(kind)
    }

    /// Compares the compared records of `recorded` and `replayed`, in order.
    public init(recorded: [RecordedTrace.Record], replayed: [RecordedTrace.Record]) {
        let expected = recorded.filter { Self.isCompared(source: $0.source, kind: $0.kind) }
        let found = replayed.filter { Self.isCompared(source: $0.source, kind: $0.kind) }
        for index in 0..<max(expected.count, found.count) {
            let e = index < expected.count ? expected[index] : nil
            let f = index < found.count ? found[index] : nil
            if let e, let f, e.text == f.text {
                matched += 1
                continue
            }
            let reference = e ?? f!
            divergence = Divergence(
                time: reference.time, kind: reference.kind, line: e?.line, expected: e?.text, found: f?.text)
            return
        }
    }
}
