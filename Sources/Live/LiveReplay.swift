import EverestAPI
public import Logging
import OCPPTransport
public import Scenario
import SimCore
import Transport
import Wire

/// Re-runs a recorded live session without its pty and broker, in virtual time: the stations
/// are rebuilt from the trace header's recipe and the recorded inputs are fed to the same
/// ``LiveFleet`` at the instants the live loop stamped, so every output must come out the same.
///
/// The fleet is driven exactly as the live loop drives it: it runs up to an input's instant,
/// then the input reaches its station (a pty's bytes, a broker message through the same
/// routing), and at the end the fleet stops at the recorded `live.stop` instant. Simulated
/// system transfers stand in for real downloads and uploads.
public struct LiveReplay {
    /// What the replay found.
    public struct Outcome: Sendable {
        /// The comparison with the recording.
        public var comparison: TraceComparison
        /// How many inputs were fed.
        public var inputs: Int
        /// The replay's own trace.
        public var replayed: RecordedTrace
    }

    /// Replays `trace`, writing the replay's trace to `output`.
    /// - Parameters:
    ///   - trace: The recorded session.
    ///   - library: Profiles, for the background scenario's names and condition keys (only a
    ///     session with a background scenario needs them).
    ///   - output: Where the replay's trace goes (a file; it is read back to compare).
    ///   - logger: Receives what a live session would log (verdicts, rejected commands).
    /// - Throws: ``ReplayError`` for a trace that cannot be replayed; ``LiveSetupError`` when the
    ///   output cannot be written.
    public static func run(trace: RecordedTrace, library: ProfileLibrary?, output: String, logger: Logger) throws
        -> Outcome
    {
        // Before input.ocpp, the CSMS's frames were not recorded: such a session would replay
        // without its CSMS and differ everywhere.
        if !trace.records.contains(where: { $0.kind == "input.ocpp" }),
            let frame = trace.records.first(where: { $0.kind == "ocpp.receive" })
        {
            throw ReplayError(
                file: trace.file, line: frame.line,
                "this OCPP session (serve --ocpp) was recorded without its CSMS's frames as inputs (input.ocpp): "
                    + "record it again with this version to replay it")
        }
        let configuration = try configuration(for: trace, library: library, output: output)
        let fleet = try LiveFleet(configuration: configuration, logger: logger)
        try fleet.start()
        var inputs = 0
        for record in trace.records {
            guard let input = try RecordedInput.from(record, file: trace.file) else { continue }
            inputs += 1
            if record.time > fleet.now { fleet.run(until: record.time) }
            switch input {
            case .rapi(let index, let bytes):
                guard let station = fleet.stations.first(where: { $0.index == index }) else {
                    throw ReplayError(file: trace.file, line: record.line, "no station \(index) in the recipe")
                }
                station.catchUp(to: fleet.now)
                station.receive(rapiBytes: bytes)
            case .mqtt(let topic, let payload):
                fleet.route(MQTTMessage(topic: topic, payload: payload))
            case .control(let index, let action, let request):
                guard let position = fleet.stations.firstIndex(where: { $0.index == index }) else {
                    throw ReplayError(file: trace.file, line: record.line, "no station \(index) in the recipe")
                }
                fleet.perform(action, request: request, onStationAt: position)
            case .ocppFrame(let index, let bytes):
                LiveOCPPLinks.deliver(.frame(bytes), to: try station(index, of: fleet, record, trace), of: fleet)
            case .ocppConnection(let index, let up):
                LiveOCPPLinks.deliver(
                    up ? .connected : .disconnected(reason: "replayed"),
                    to: try station(index, of: fleet, record, trace),
                    of: fleet)
            }
        }
        if trace.end > fleet.now { fleet.run(until: trace.end) }
        fleet.stop()
        let replayed = try RecordedTrace(bytes: TextFile.read(output), file: output)
        return Outcome(
            comparison: TraceComparison(recorded: trace.records, replayed: replayed.records), inputs: inputs,
            replayed: replayed)
    }

    /// Station `index` of the recipe, for an input that reaches it.
    static func station(_ index: Int, of fleet: LiveFleet, _ record: RecordedTrace.Record, _ trace: RecordedTrace)
        throws(ReplayError) -> LiveStation
    {
        guard let station = fleet.stations.first(where: { $0.index == index }) else {
            throw ReplayError(file: trace.file, line: record.line, "no station \(index) in the recipe")
        }
        return station
    }

    /// The live configuration the recipe describes, without pty or broker.
    static func configuration(for trace: RecordedTrace, library: ProfileLibrary?, output: String) throws
        -> LiveFleetConfiguration
    {
        let recipe = try SessionRecipe(header: trace.header, file: trace.file)
        guard let flavor = EverestAPIFlavor(name: recipe.flavor) else {
            throw ReplayError(file: trace.file, line: 1, "header live.flavor: unknown flavour '\(recipe.flavor)'")
        }
        guard let wallTime = WallTime(rfc3339: trace.start) else {
            throw ReplayError(
                file: trace.file, line: 1, "header start: expected an RFC 3339 time, found '\(trace.start)'")
        }
        let headerName = "\(trace.file) header"
        var configuration = LiveFleetConfiguration(
            station: try recipe.stationProfile(file: headerName), vehicle: try recipe.vehicleProfile(file: headerName),
            seed: trace.seed, wallTime: wallTime, count: recipe.stations, ptyPath: nil, evseID: recipe.evseID,
            flavor: flavor, tracePath: output, traceTelemetry: recipe.traceTelemetry)
        if let scenario = recipe.scenario {
            guard let library else {
                throw ReplayError(
                    file: trace.file,
                    "the session ran a background scenario, whose profile names need the profile folder: "
                        + "pass --profiles DIR")
            }
            let prepared = try PreparedScenario(
                bytes: Array(scenario.utf8), file: recipe.scenarioFile ?? "scenario", library: library,
                seed: trace.seed)
            configuration.scenario = prepared.document
        }
        configuration.powerOn = recipe.powerOn
        configuration.systemID = recipe.systemID
        configuration.recipe = recipe
        if let id = recipe.ocppID {
            // The faces as served, without connections: the recorded frames play the CSMS.
            configuration.ocpp = OCPPLinkSettings(
                url: "ws://replay", password: recipe.ocppAuthorizationKey ? "(not recorded)" : nil,
                pingInterval: .seconds(recipe.ocppPingInterval))
            configuration.ocppID = id
            configuration.ocppReplayed = true
        }
        return configuration
    }
}
