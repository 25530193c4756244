public import Scenario
public import SimCore
public import Transport

/// How a served session went: the loop's pacing report and what the stations counted.
public struct LiveSessionReport: Sendable, CustomStringConvertible {
    /// A background-scenario verdict and the EVSE it was decided on.
    public struct StationVerdict: Sendable {
        /// The EVSE id of the station.
        public var evseID: String
        /// The verdict.
        public var verdict: Verdict
    }

    /// Why the loop stopped, and how well it kept pace (max lag, late events).
    public var run: LiveRunReport
    /// Every background-scenario verdict, station by station.
    public var verdicts: [StationVerdict]
    /// RAPI writes dropped because no client had the pty open, over all stations; nil when no
    /// station has a pty (`--no-pty`).
    public var droppedWrites: Int?
    /// MQTT commands the EVerest faces ignored.
    public var rejectedCommands: Int
    /// The broker client's counters, when MQTT was on.
    public var mqtt: MosquittoClient.Statistics?

    /// A few lines for the end of a session.
    public var description: String {
        var lines = ["session ended (\(run))"]
        if !verdicts.isEmpty {
            let failed = verdicts.filter { !$0.verdict.passed }.count
            lines.append("background scenario: \(verdicts.count - failed) of \(verdicts.count) checks passed")
        }
        if let droppedWrites {
            lines.append(
                "RAPI writes dropped while detached: \(droppedWrites); MQTT commands rejected: \(rejectedCommands)")
        } else {
            lines.append("MQTT commands rejected: \(rejectedCommands)")
        }
        if let mqtt {
            lines.append(
                "MQTT: \(mqtt.connections) connection(s), \(mqtt.connectionLosses) lost, \(mqtt.published) publications"
                    + (mqtt.dropped > 0 ? ", \(mqtt.dropped) dropped (queue full)" : "")
            )
        }
        return lines.joined(separator: "\n")
    }
}

extension LiveFleet {
    /// Runs the session on a new ``LiveLoop`` until `duration` of simulated time has passed (nil:
    /// until SIGINT/SIGTERM or ``LiveLoop/Stopper``), then stops everything in order (see
    /// ``stop()``), whatever ended the run.
    /// - Parameters:
    ///   - pacing: Real time or a multiple of it; `.maximum` is refused, since live clients
    ///     could not keep up with a simulation that never waits.
    ///   - duration: How much simulated time to serve.
    ///   - handlesSignals: Whether SIGINT and SIGTERM stop the session.
    ///   - lagWarningThreshold: The lag above which a warning is logged and `live.lag` traced.
    ///   - attaching: Register further sources with the loop (the control API's mailbox); an
    ///     array so that a trailing closure still means `onReady`.
    ///   - onReady: Called once everything is open and the loop is about to run, with a handle
    ///     that stops it from any thread.
    /// - Throws: ``LiveSetupError`` for `.maximum`, a failed subscription, a failing `poll`, or
    ///   a broker that refused the connection for good (the session ends at once then).
    public func serve(
        pacing: Pacing, duration: SimDuration? = nil, handlesSignals: Bool = true,
        lagWarningThreshold: Duration = .seconds(1), attaching: [(LiveLoop) -> Void] = [],
        onReady: ((LiveLoop.Stopper) -> Void)? = nil
    ) throws(LiveSetupError) -> LiveSessionReport {
        guard pacing != .maximum else {
            throw LiveSetupError("--speed", "max is for scenario runs; serve needs realtime or a factor such as x10")
        }
        defer { stop() }
        let loop: LiveLoop
        do {
            loop = try LiveLoop(
                simulation: self,
                configuration: LiveLoop.Configuration(
                    pacing: pacing, handlesSignals: handlesSignals, lagWarningThreshold: lagWarningThreshold),
                logger: logger)
        } catch {
            throw LiveSetupError("live loop", "\(error)")
        }
        attach(to: loop)
        for attachOther in attaching { attachOther(loop) }
        try start()
        onReady?(loop.stopper)
        let run: LiveRunReport
        do {
            run = try loop.run(until: duration.map { now + $0 })
        } catch {
            throw LiveSetupError("live loop", "\(error)")
        }
        let refusal = mqtt?.refusal  // read before stop(): disconnecting resets the client
        stop()
        if let refusal {
            throw LiveSetupError(
                "--mqtt", "the broker refused the connection: \(refusal.text); \(refusal.refusalAdvice)")
        }
        return report(run)
    }

    /// The session's report around a loop run's report (call after ``stop()`` for final verdicts).
    public func report(_ run: LiveRunReport) -> LiveSessionReport {
        LiveSessionReport(
            run: run,
            verdicts: stations.flatMap { station in
                station.verdicts.map { LiveSessionReport.StationVerdict(evseID: station.evseID, verdict: $0) }
            },
            droppedWrites: stations.contains { $0.pty != nil } ? stations.reduce(0) { $0 + $1.droppedWrites } : nil,
            rejectedCommands: stations.reduce(0) { $0 + $1.rejectedCommands },
            mqtt: mqtt?.statistics)
    }
}
