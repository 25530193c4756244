import EVSEModel
import EverestAPI
public import Logging
import OCPP
import Scenario
import Transport

extension LiveFleet {
    /// Opens the stations of `fleet` that `options.shard` holds: their ptys, the trace and the
    /// broker client (connected by ``start()``).
    ///
    /// Each station keeps its global index everywhere: pty name, EVSE id (`<id>_<k>`), random
    /// streams (`station-k` under the seed), plan draws and the trace's `station` field, so a
    /// station behaves the same in every shard layout. Its EV plugs in and leaves at the plan's
    /// times, played as a background scenario.
    ///
    /// `everest_api/connectors` lists the whole fleet: the shard that holds station 0 publishes
    /// it, with every EVSE id computed from the fleet file alone (no coordination). That shard
    /// publishes the other shared topics too (`ocpp/var/connection_status`,
    /// `errors/var/active_errors`, the latter with its own stations' errors, since a shard cannot
    /// see the others'); the other shards publish no shared topic, so retained payloads never
    /// flap between shards.
    /// - Throws: ``LiveSetupError`` for a shard with no stations, too many ptys, a bad EVSE id
    ///   or pty pattern, or a resource that cannot be opened (whatever was opened is closed).
    public convenience init(fleet: FleetDocument, options: FleetServeOptions, logger: Logger) throws(LiveSetupError) {
        let indices = options.shard.indices(in: fleet.count)
        try Self.validate(fleet: fleet, options: options, served: indices.count)
        let single = fleet.count == 1
        let base = options.evseID ?? fleet.plan(for: 0).station.everest.evseId
        func evseID(_ k: Int) -> String { single ? base : "\(base)_\(k)" }
        let allIDs = (0..<fleet.count).map(evseID)
        let trace: LiveTrace?
        do {
            trace = try options.tracePath.map { path throws(FileError) in
                try LiveTrace(
                    path: path, name: fleet.name, file: fleet.file, seed: fleet.seed,
                    start: fleet.start.rfc3339(at: .zero))
            }
        } catch {
            throw LiveSetupError("--trace", "\(error)")
        }
        var stations: [LiveStation] = []
        func closeAll() { for station in stations { station.pty?.close() } }
        for k in indices {
            let plan = fleet.plan(for: k)
            let model = Station(
                profile: plan.station, vehicle: plan.vehicle, wallTime: fleet.start, seed: fleet.seed,
                name: single ? "station" : "station-\(k)")
            let sharedTopics = options.shard.contains(0) && k == 0
            let everest = EverestFaceConfiguration(
                flavor: options.flavor, evseID: evseID(k), connectorIDs: sharedTopics ? allIDs : nil,
                publishesSharedTopics: sharedTopics,
                traceTelemetry: options.traceTelemetry)
            var pty: PTYDevice?
            if let pattern = options.ptyPattern {
                do {
                    pty = try PTYDevice(
                        linkPath: pattern.replacing("%d", with: String(k)), pacedOutput: options.baudPacing,
                        detachedCheckInterval: options.detachedCheckInterval, guardsEcho: options.guardsEcho,
                        logger: logger)
                } catch {
                    closeAll()
                    throw LiveSetupError("pty for station \(k)", "\(error)")
                }
            }
            stations.append(
                LiveStation(
                    index: k, station: model, everest: everest, pty: pty,
                    scenario: plan.backgroundScenario(file: fleet.file, seed: fleet.seed, start: fleet.start),
                    trace: trace, tracesIndex: !single, logger: logger,
                    systemModuleID: options.systemID.map { single ? $0 : "\($0)_\(k)" },
                    systemEffects: options.systemEffects,
                    ocpp: options.ocpp.map { _ in
                        OCPPFaceConfiguration(
                            chargePointID: single ? options.ocppID : "\(options.ocppID)_\(k)", model: plan.station.id,
                            keys: options.ocpp!.faceKeys())
                    }, observed: options.observed))
        }
        var client: MosquittoClient?
        if let mqtt = options.mqtt {
            do {
                client = try MosquittoClient(
                    options: mqtt, queueCapacity: Self.publicationQueueCapacity(stations: indices.count), logger: logger
                )
            } catch {
                closeAll()
                throw LiveSetupError("--mqtt", "\(error)")
            }
        }
        self.init(stations: stations, mqtt: client, trace: trace, logger: logger)
        if let settings = options.ocpp {
            do {
                ocppLinks = try LiveOCPPLinks(fleet: self, settings: settings) {
                    single ? options.ocppID : "\(options.ocppID)_\($0)"
                }
            } catch {
                closeAll()
                throw LiveSetupError("--ocpp", "\(error)")
            }
        }
    }

    private static func validate(fleet: FleetDocument, options: FleetServeOptions, served: Int) throws(LiveSetupError) {
        guard served > 0 else {
            throw LiveSetupError(
                "--shard", "shard \(options.shard) of a \(fleet.count)-station fleet holds no station")
        }
        if let pattern = options.ptyPattern {
            guard served <= FleetServeOptions.maximumPTYStations else {
                throw LiveSetupError(
                    "--fleet",
                    "\(served) stations with ptys in one process (at most \(FleetServeOptions.maximumPTYStations)); "
                        + "use --shard or --no-pty")
            }
            let placeholders = pattern.ranges(of: "%d").count
            guard placeholders == 1 || (placeholders == 0 && fleet.count == 1) else {
                throw LiveSetupError("--pty-pattern", "'\(pattern)' needs exactly one %d for a fleet")
            }
        }
        let base = options.evseID ?? fleet.plan(for: 0).station.everest.evseId
        guard !base.isEmpty, !base.contains(where: { $0 == "/" || $0 == "+" || $0 == "#" }) else {
            throw LiveSetupError("--evse-id", "'\(base)' cannot be an MQTT topic level (no '/', '+' or '#')")
        }
    }
}
