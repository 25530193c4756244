import ArgumentParser
import EverestAPI
import Glibc
import Live
import Logging
import Scenario
import SimCore
import Transport

extension EVSESim.Serve {
    /// The option combinations `--fleet` and `--shard` allow.
    func validateFleetOptions() throws {
        if shard != nil, fleet == nil { throw ValidationError("--shard needs --fleet") }
        if shardIndexEnv != nil, shard == nil { throw ValidationError("--shard-index-env needs --shard auto/M") }
        guard fleet != nil else { return }
        _ = try resolvedShard()
        if scenario != nil || station != nil || vehicle != nil || stations != 1 || pty != nil {
            throw ValidationError(
                "the fleet file chooses stations, vehicles and their count; drop --scenario/--station/--vehicle/--stations/--pty"
            )
        }
    }

    /// The shard to serve: `--shard K/M`, or `auto/M` with K from the environment.
    func resolvedShard() throws -> FleetShard {
        guard let shard else { return .whole }
        let name = shardIndexEnv ?? FleetShardRequest.defaultIndexVariable
        let environment = getenv(name).map { [name: String(cString: $0)] } ?? [:]
        do {
            return try shard.resolve(environment: environment, indexVariable: shardIndexEnv)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// Serves a fleet file (or the shard of it `--shard` names).
    func runFleet(logger: Logger) throws {
        guard let path = fleet else { return }
        var document: FleetDocument
        do {
            try ScenarioInputs.checkSize(path, limits: limitOptions.limits)
            document = try FleetDocument(parsing: TextFile.read(path), file: path, library: global.library())
        } catch let error as ScenarioValidationError {
            Terminal.writeError("\(error)\n")
            throw Outcome.invalidInput
        } catch let error as FileError {
            Terminal.writeError("evsesim: \(error)\n")
            throw Outcome.fileError
        }
        if let seed { document.seed = seed }
        var options = FleetServeOptions(
            ptyPattern: noPty ? nil : (ptyPattern ?? LiveFleetConfiguration.defaultPTYPattern), baudPacing: baudPacing,
            evseID: evseId, flavor: flavor,
            mqtt: try mqttOptions(), tracePath: trace,
            traceTelemetry: traceTelemetry, shard: try resolvedShard())
        options.guardsEcho = guardEcho
        options.systemID = noSystemApi ? nil : systemId
        options.systemEffects = LiveSystemEffects()
        options.ocpp = try ocppOptions.settings()
        options.ocppID = ocppOptions.ocppId
        options.observed = controlOptions.control != nil
        let live = try Outcome.reportingTraceErrors {
            try LiveFleet(fleet: document, options: options, logger: logger)
        }
        let control = try controlOptions.start(fleet: live, logger: logger)
        defer { control?.stop() }
        let report = try live.serve(
            pacing: speed, duration: duration?.value,
            lagWarningThreshold: .nanoseconds(lagWarning.value.nanoseconds),
            attaching: control.map { [$0.attach] } ?? []
        ) { _ in
            Terminal.writeOut(fleetBanner(live, document, options, speed) + ControlOptions.bannerLine(control))
        }
        Terminal.writeOut(report.description + "\n")
        try Outcome.exitAfterServing(report)
    }

    /// What the fleet serves: one line per station (with its EV's plan) and the broker.
    func fleetBanner(_ live: LiveFleet, _ document: FleetDocument, _ options: FleetServeOptions, _ pacing: Pacing)
        -> String
    {
        let served = live.stations.count
        var lines = [
            "evsesim serve: fleet \(document.file) — \(document.name): \(served) of \(document.count) stations "
                + "(shard \(options.shard)), seed \(document.seed), start \(document.start.rfc3339(at: .zero)), \(pacing)"
        ]
        for station in live.stations.prefix(20) {
            let plan = document.plan(for: station.index)
            let device = station.pty.map { "pty \($0.linkPath)" } ?? "no pty"
            let ev =
                plan.plug.map { plug in
                    "\(plan.vehicleName) plugs at +\(plug)" + (plan.unplug.map { ", leaves at +\($0)" } ?? "")
                        + ", target SoC \(plan.vehicle.targetSoc)"
                } ?? "no EV"
            lines.append("  station \(station.index) (\(plan.station.id)): \(device), EVSE \(station.evseID); \(ev)")
        }
        if served > 20 { lines.append("  … and \(served - 20) more") }
        if let mqtt = live.mqtt {
            lines.append("MQTT \(mqtt.options.redactedURL) (client id \(mqtt.options.clientID))")
        } else {
            lines.append("MQTT off (use --mqtt mqtt://host:port)")
        }
        if let trace = options.tracePath { lines.append("trace: \(trace)") }
        lines.append("serving; stop with Ctrl-C (SIGINT) or SIGTERM")
        return lines.joined(separator: "\n") + "\n"
    }
}
