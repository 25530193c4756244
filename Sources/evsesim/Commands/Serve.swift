import ArgumentParser
import EVSEModel
import EverestAPI
import Glibc
import Live
import Logging
import Scenario
import SimCore
import Transport

extension EVSESim {
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve live stations on a pty (RAPI) and an MQTT broker (EVerest API) for a client under test.",
            discussion: """
                Runs paced to the wall clock until SIGINT/SIGTERM (or --duration), then removes the pty links, \
                disconnects from the broker and prints a lag summary. A lost broker never stops the simulation: \
                the client reconnects with back-off.

                With --scenario, the scenario's actions (plug, unplug, faults, limits, …) happen at their times \
                while the client talks to the station; its checks are evaluated and logged, and its station, \
                vehicle, seed and start time are used. RAPI steps are skipped (the pty belongs to the client).

                Examples:
                  evsesim serve
                  evsesim serve --mqtt mqtt://127.0.0.1:1883 --scenario Scenarios/ev-pause-resume.json
                  evsesim serve --stations 3 --pty-pattern /tmp/ev-%d --speed x10
                  evsesim serve --fleet Profiles/fleets/evening-car-park.json --no-pty --mqtt mqtt://127.0.0.1:1883 \
                    --shard 0/4

                --fleet serves a fleet file (schema evsesim/fleet@1): its seed, start, stations and their EVs' \
                arrivals and departures. --shard K/M (K 0-based) serves only stations k with k mod M == K, \
                under their global index (pty, EVSE id, random streams), so M processes on one broker form \
                the same fleet as one process would. --shard auto/M takes K from $JOB_COMPLETION_INDEX, which \
                Kubernetes sets in each pod of an Indexed Job, or from the variable --shard-index-env names. With ptys one process serves at most 256 stations; with \
                --no-pty there is no such limit.

                --control HOST:PORT serves an HTTP JSON API (the stations' state, every scenario action by its \
                scenario name, each station's events as server-sent events; described at /openapi.json) and a \
                dashboard at /. Loopback addresses only, unless --control-any, which needs --control-token.

                \(Outcome.helpText)
                """)

        @OptionGroup var global: GlobalOptions

        @Option(help: ArgumentHelp("Station profile (default openevse-8.2.3-us).", valueName: "profile"))
        var station: String?

        @Option(help: ArgumentHelp("Vehicle profile (default: the first one).", valueName: "profile"))
        var vehicle: String?

        @Option(help: "Master seed (default 1, or the scenario's).")
        var seed: UInt64?

        @Option(
            help: ArgumentHelp(
                "realtime, or xN (N times faster than wall-clock, e.g. x10); max is refused.", valueName: "speed"))
        var speed: Pacing = .scaled(1)

        @Option(help: ArgumentHelp("Where the pty link goes (one station).", valueName: "path"))
        var pty: String?

        @Option(help: ArgumentHelp("Pty link per station, %d = index (default /tmp/evsesim-%d).", valueName: "pattern"))
        var ptyPattern: String?

        @Flag(help: "Serve no pty (MQTT only).")
        var noPty = false

        @Flag(help: "Release RAPI output no faster than 115200 baud 8N1 would.")
        var baudPacing = false

        @Flag(
            help: """
                Put a pty back in raw mode when its client turns echo on (otherwise the client's echo \
                makes an endless $NK exchange, as on a real board, and a warning is logged).
                """)
        var guardEcho = false

        @Option(help: ArgumentHelp("Broker URL, e.g. mqtt://127.0.0.1:1883 (omitted: no MQTT).", valueName: "url"))
        var mqtt: String?

        @Option(
            help: ArgumentHelp(
                "File whose first line is the broker password (kept out of ps); else $EVSESIM_MQTT_PASSWORD.",
                valueName: "file"))
        var mqttPasswordFile: String?

        @Option(help: ArgumentHelp("EVSE id in topics (default evse_manager; <id>_<k> in a fleet).", valueName: "id"))
        var evseId: String?

        @Option(
            help: ArgumentHelp(
                "EVerest payload shapes: everest (what the real module publishes; alias everest-2026) or documented (the API README's shapes).",
                valueName: "flavor"))
        var flavor: EverestAPIFlavor = .everest

        @Option(help: ArgumentHelp("System API module id (default system; <id>_<k> in a fleet).", valueName: "id"))
        var systemId: String = "system"

        @Flag(help: "Serve no system API (everest_api/1/system/<id>).")
        var noSystemApi = false

        @Option(help: "Number of stations (at most 256 with ptys; more with --no-pty).")
        var stations: Int = 1

        @Option(help: ArgumentHelp("Fleet file (evsesim/fleet@1) with the stations and their EVs.", valueName: "file"))
        var fleet: String?

        @Option(
            help: ArgumentHelp(
                "With --fleet: serve stations k with k mod M == K (0 ≤ K < M); auto/M reads K from "
                    + "$JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) or --shard-index-env.", valueName: "K/M"))
        var shard: FleetShardRequest?

        @Option(
            help: ArgumentHelp("With --shard auto/M: the environment variable holding K.", valueName: "name"))
        var shardIndexEnv: String?

        @Option(help: ArgumentHelp("Scenario whose actions run in the background.", valueName: "file"))
        var scenario: String?

        @Option(help: ArgumentHelp("Write the JSONL trace here (- for stdout).", valueName: "path"))
        var trace: String?

        @Flag(help: "Include every 1 Hz MQTT publication in the trace.")
        var traceTelemetry = false

        @Flag(
            help: "Start as from a power-up: the controller boots, so an attached client sees the forced $AT and $AB.")
        var powerOn = false

        @Option(help: ArgumentHelp("Stop after this much simulated time, e.g. 90s or 2h.", valueName: "duration"))
        var duration: PositiveDuration?

        @Option(
            help: ArgumentHelp(
                "Warn (and trace live.lag) when the loop falls this far behind the wall clock.",
                valueName: "duration"))
        var lagWarning = PositiveDuration(.seconds(1))

        @OptionGroup var limitOptions: LimitOptions

        @OptionGroup(title: "OCPP 1.6J") var ocppOptions: OCPPOptions
        @OptionGroup var controlOptions: ControlOptions

        func validate() throws {
            guard speed != .maximum else {
                throw ValidationError("--speed max is for `evsesim run`; serve needs realtime or a factor such as x10")
            }
            if noPty, pty != nil || ptyPattern != nil {
                throw ValidationError("--no-pty cannot be combined with --pty or --pty-pattern")
            }
            if pty != nil, ptyPattern != nil { throw ValidationError("give --pty or --pty-pattern, not both") }
            if let pty, stations > 1 {
                throw ValidationError(
                    "--pty names one device; use --pty-pattern (e.g. \(pty)-%d) for \(stations) stations")
            }
            if scenario != nil, station != nil || vehicle != nil {
                throw ValidationError("the scenario chooses the station and vehicle; drop --station/--vehicle")
            }
            try validateFleetOptions()
            if mqtt != nil {
                do {
                    _ = try mqttOptions()
                } catch {
                    throw ValidationError("--mqtt: \(error)")
                }
            } else if mqttPasswordFile != nil {
                throw ValidationError("--mqtt-password-file needs --mqtt")
            }
        }

        /// The broker options from --mqtt, with the password from --mqtt-password-file or
        /// $EVSESIM_MQTT_PASSWORD; nil without --mqtt.
        func mqttOptions() throws(MQTTOptionsError) -> MQTTOptions? {
            guard let mqtt else { return nil }
            var options = try MQTTOptions(url: mqtt, clientID: "evsesim-\(getpid())")
            let variable = MQTTOptions.passwordVariable
            let environment = getenv(variable).map { [variable: String(cString: $0)] } ?? [:]
            try options.readPassword(file: mqttPasswordFile, environment: environment)
            return options
        }

        func run() throws {
            let logger = bootstrapLogging()
            if fleet != nil { return try runFleet(logger: logger) }
            let configuration = try makeConfiguration()
            let fleet = try Outcome.reportingTraceErrors {
                try LiveFleet(configuration: configuration, logger: logger)
            }
            let control = try controlOptions.start(fleet: fleet, logger: logger)
            defer { control?.stop() }
            let report = try fleet.serve(
                pacing: speed, duration: duration?.value,
                lagWarningThreshold: .nanoseconds(lagWarning.value.nanoseconds),
                attaching: control.map { [$0.attach] } ?? []
            ) { _ in
                Terminal.writeOut(banner(fleet, configuration, speed) + ControlOptions.bannerLine(control))
            }
            var lines = [report.description]
            for entry in report.verdicts where !entry.verdict.passed {
                let v = entry.verdict
                lines.append(
                    "  ✘ \(entry.evseID): \(v.label) — \(HumanFormat.text(v.detail)) [\(HumanFormat.instant(v.time))]")
            }
            Terminal.writeOut(lines.joined(separator: "\n") + "\n")
            try Outcome.exitAfterServing(report)
        }

        /// The session's configuration from the options (and the scenario, when given).
        func makeConfiguration() throws -> LiveFleetConfiguration {
            let library = try global.library()
            var configuration: LiveFleetConfiguration
            if let scenario {
                let prepared: PreparedScenario
                do {
                    prepared = try ScenarioInputs.prepare(
                        scenario, library: library, seed: seed, limits: limitOptions.limits)
                } catch let error as FileError {
                    Terminal.writeError("evsesim: \(error)\n")
                    throw Outcome.fileError
                } catch {
                    Terminal.writeError("\(error)\n")
                    throw Outcome.invalidInput
                }
                configuration = LiveFleetConfiguration(
                    station: prepared.station, vehicle: prepared.vehicle, seed: prepared.document.seed,
                    wallTime: prepared.document.start, scenario: prepared.document)
            } else {
                let stationProfile = try library.stationProfile(
                    ProfileSelection(profile: station ?? "openevse-8.2.3-us"), file: "--station")
                let vehicleProfile = try library.vehicleProfile(
                    vehicle.map { ProfileSelection(profile: $0) }, file: "--vehicle")
                // A live session's datetime topics and $GT read like the present (whole seconds).
                configuration = LiveFleetConfiguration(
                    station: stationProfile, vehicle: vehicleProfile, seed: seed ?? 1,
                    wallTime: WallTime(startEpochSeconds: Int64(time(nil))))
            }
            configuration.count = stations
            configuration.ptyPath = noPty ? nil : (pty ?? ptyPattern ?? LiveFleetConfiguration.defaultPTYPattern)
            configuration.baudPacing = baudPacing
            configuration.guardsEcho = guardEcho
            configuration.evseID = evseId
            configuration.flavor = flavor
            configuration.mqtt = try mqttOptions()
            configuration.tracePath = trace
            configuration.traceTelemetry = traceTelemetry
            configuration.powerOn = powerOn
            configuration.systemID = noSystemApi ? nil : systemId
            configuration.systemEffects = LiveSystemEffects()
            configuration.observed = controlOptions.control != nil
            configuration.recipe = try sessionRecipe(configuration, library: library)
            try ocppOptions.apply(to: &configuration)
            return configuration
        }

        /// Logs to standard error: notices (attach/detach, broker, scenario checks) by default,
        /// everything with --verbose.
        func bootstrapLogging() -> Logger {
            let level: Logger.Level = global.verbose ? .debug : .info
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
            return Logger(label: "evsesim.serve")
        }

        /// What the session serves and where, printed once everything is open.
        func banner(_ fleet: LiveFleet, _ configuration: LiveFleetConfiguration, _ pacing: Pacing) -> String {
            let profile = configuration.station
            let count = fleet.stations.count
            var lines = [
                "evsesim serve: \(count) station\(count == 1 ? "" : "s") \(profile.id) (firmware \(profile.firmwareVersion), "
                    + "RAPI \(profile.rapiVersion)), vehicle \(configuration.vehicle.id), seed \(configuration.seed), \(pacing)"
            ]
            // Every pty path is worth a line (a client needs it); thousands of pty-less stations are not.
            let listed = fleet.stations.first?.pty == nil ? fleet.stations.prefix(20) : fleet.stations[...]
            for station in listed {
                let device = station.pty.map { "pty \($0.linkPath) -> \($0.devicePath)" } ?? "no pty"
                lines.append("  station \(station.index): \(device), EVSE \(station.evseID)")
            }
            if count > listed.count { lines.append("  … and \(count - listed.count) more (EVSE ids <id>_<k>)") }
            if let mqtt = fleet.mqtt {
                let first = fleet.stations[0].evseID
                lines.append("MQTT \(mqtt.options.redactedURL) (client id \(mqtt.options.clientID)):")
                lines.append(
                    "  every second: everest_api/<evse>/var/{datetime,session_info,limits,telemetry,powermeter,…}")
                lines.append(
                    "  shared: everest_api/connectors, everest_api/ocpp/var/connection_status, everest_api/errors/var/active_errors"
                )
                lines.append("  commands: everest_api/<evse>/cmd/<name>, e.g. everest_api/\(first)/cmd/set_limit_amps")
            } else {
                lines.append("MQTT off (use --mqtt mqtt://host:port)")
            }
            if let document = configuration.scenario {
                lines.append("background scenario: \(document.file) — \(document.name) (\(document.steps.count) steps)")
            }
            for warning in PreparedScenario.warnings(station: profile, vehicle: configuration.vehicle) {
                lines.append("⚠ \(warning)")
            }
            if let trace = configuration.tracePath { lines.append("trace: \(trace)") }
            lines.append("serving; stop with Ctrl-C (SIGINT) or SIGTERM")
            return lines.joined(separator: "\n") + "\n"
        }
    }
}
