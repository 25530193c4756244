import SimCore

/// A `never` or `always` condition being watched over an interval.
struct ActiveInvariant {
    var step: ScenarioStep
    var condition: Condition
    var text: String
    /// true: the condition must never hold; false: it must always hold.
    var isNever: Bool
    var start: SimInstant
    var end: SimInstant?
    /// The first violation seen, if any.
    var violation: (time: SimInstant, detail: String)?
}

extension ScenarioRunner {
    mutating func checkInvariants() {
        guard !invariants.isEmpty else { return }
        let now = station.now
        for i in invariants.indices where invariants[i].violation == nil {
            if let end = invariants[i].end, now > end { continue }
            let holds = evaluate(invariants[i].condition)
            let violated = invariants[i].isNever ? holds == true : holds != true
            if violated {
                invariants[i].violation = (now, "at \(now): \(describeKeys(of: invariants[i].condition))")
            }
        }
        closeInvariants(at: now, final: false)
    }

    /// Issues the verdict of every invariant whose interval is over (all of them at the end).
    mutating func closeInvariants(at now: SimInstant, final: Bool) {
        var open: [ActiveInvariant] = []
        for inv in invariants {
            let over = final || (inv.end.map { now >= $0 } ?? false)
            guard over else {
                open.append(inv)
                continue
            }
            let word = inv.isNever ? "never" : "always"
            let window = "\(inv.start)…\(inv.end.map { "\($0)" } ?? "end")"
            record(
                Verdict(
                    label: inv.step.label ?? "\(word) \(inv.text)", location: Self.location(inv.step),
                    time: inv.violation?.time ?? min(now, inv.end ?? now), passed: inv.violation == nil,
                    detail: inv.violation.map { "violated \($0.detail)" } ?? "held over \(window)"))
        }
        invariants = open
    }

    /// Evaluates a condition on the station now; nil if a key could not be read.
    func evaluate(_ condition: Condition) -> Bool? {
        let station = self.station
        return try? condition.evaluate { StationConditions.value(station, $0) }
    }

    /// `key=value` for each key a condition reads, for failure messages.
    func describeKeys(of condition: Condition) -> String {
        condition.keys.map { "\($0)=\(StationConditions.value(station, $0).map { "\($0)" } ?? "?")" }
            .joined(separator: ", ")
    }

    static func location(_ step: ScenarioStep) -> String {
        guard let l = step.location else { return step.path.description }
        return "\(l.file):\(l.line):\(l.column)"
    }
}
