public import EVSEModel
public import EverestAPI
public import OCPP
public import OCPPTransport
public import Scenario
public import SimCore
public import SystemAPI
public import Transport

/// Everything a live session is made of: which station, how many, where clients find them.
///
/// Stations of a fleet share profiles, start time and broker; each gets its own pty, EVSE id
/// and random streams:
/// - pty `k` is ``ptyPath`` with `%d` replaced by `k` (a path without `%d` is allowed for a
///   single station);
/// - EVSE id `k` is `<id>_<k>`, or `<id>` alone for a single station, where `<id>` is
///   ``evseID`` or the profile's (`evse_manager` by default), so one station looks like the
///   API module's README;
/// - station `k` draws from streams named `station-k` under the master seed (a single station
///   uses the name fast runs use, `station`, so the same seed gives the same noise);
/// - every EVSE id is listed in `everest_api/connectors`, and station 0 publishes the API
///   module's shared topics with the errors of the whole fleet.
public struct LiveFleetConfiguration: Sendable {
    /// The station profile of every station.
    public var station: StationProfile
    /// The EV every station's `plug` connects.
    public var vehicle: VehicleProfile
    /// The master seed.
    public var seed: UInt64
    /// The calendar time of sim instant zero (`datetime` topics, `$GT`).
    public var wallTime: WallTime
    /// How many stations to serve (at least one).
    public var count: Int
    /// Where station `k`'s pty link goes (`%d` → `k`); nil serves no pty.
    public var ptyPath: String?
    /// Release RAPI output no faster than 115200 baud would.
    public var baudPacing: Bool
    /// Put a pty back in raw mode when its client turns echo on (`--guard-echo`); otherwise the
    /// echo storm runs, as on a real board, with a warning.
    public var guardsEcho = false
    /// How often a pty with no client looks for one.
    public var detachedCheckInterval: Duration
    /// The EVSE id, or the base of the fleet's ids; nil takes the profile's.
    public var evseID: String?
    /// The EVerest payload shapes.
    public var flavor: EverestAPIFlavor
    /// The broker; nil runs without MQTT.
    public var mqtt: MQTTOptions?
    /// A scenario whose steps run in the background on every station.
    public var scenario: ScenarioDocument?
    /// Where the trace goes; nil for none.
    public var tracePath: String?
    /// Trace every 1 Hz publication, not only commands and `session_info` changes.
    public var traceTelemetry: Bool
    /// Start as from a power-up: the controller boots (forced `$AT 00 00 0 0200`, POST, `$AB`)
    /// instead of starting settled.
    public var powerOn = false
    /// Render station events as records even without a trace, for observers (the control API).
    public var observed = false
    /// The system API module id, or the base of the fleet's (`<id>_<k>`); nil serves no system API.
    public var systemID: String? = "system"
    /// The I/O behind real firmware downloads and log uploads; nil simulates them.
    public var systemEffects: (any SystemEffects)?
    /// What rebuilds the session, written into the trace header for `evsesim replay`.
    public var recipe: SessionRecipe?

    /// The default pty link pattern: `/tmp/evsesim-0`, `/tmp/evsesim-1`, …
    public static let defaultPTYPattern = "/tmp/evsesim-%d"

    /// The CSMS the stations connect to (`--ocpp`); nil: no OCPP face.
    public var ocpp: OCPPLinkSettings?
    /// The charge point id (`--ocpp-id`; `<id>_<k>` in a fleet).
    public var ocppID = "evsesim"
    /// The OCPP faces without connections (`evsesim replay`): the recorded CSMS frames and
    /// connection changes (`input.ocpp`) are fed to them instead.
    public var ocppReplayed = false

    /// ``recipe`` with the OCPP face's part, as the trace header records it.
    var tracedRecipe: SessionRecipe? {
        guard var recipe, let ocpp else { return recipe }
        recipe.ocppID = ocppID
        recipe.ocppPingInterval = Int(ocpp.pingInterval.components.seconds)
        recipe.ocppAuthorizationKey = ocpp.password != nil
        return recipe
    }

    /// Creates a configuration; only the profiles are required.
    public init(
        station: StationProfile, vehicle: VehicleProfile, seed: UInt64 = 1, wallTime: WallTime = .defaultStart,
        count: Int = 1, ptyPath: String? = LiveFleetConfiguration.defaultPTYPattern, baudPacing: Bool = false,
        detachedCheckInterval: Duration = .milliseconds(100), evseID: String? = nil,
        flavor: EverestAPIFlavor = .everest, mqtt: MQTTOptions? = nil, scenario: ScenarioDocument? = nil,
        tracePath: String? = nil, traceTelemetry: Bool = false
    ) {
        self.station = station
        self.vehicle = vehicle
        self.seed = seed
        self.wallTime = wallTime
        self.count = count
        self.ptyPath = ptyPath
        self.baudPacing = baudPacing
        self.detachedCheckInterval = detachedCheckInterval
        self.evseID = evseID
        self.flavor = flavor
        self.mqtt = mqtt
        self.scenario = scenario
        self.tracePath = tracePath
        self.traceTelemetry = traceTelemetry
    }

    /// Checks the combination of options before anything is opened.
    /// - Throws: ``LiveSetupError`` naming the option at fault.
    public func validate() throws(LiveSetupError) {
        // Each pty holds descriptors and a link; without ptys a station is a few kilobytes.
        let most = ptyPath == nil ? 1_000_000 : FleetServeOptions.maximumPTYStations
        guard (1...most).contains(count) else {
            throw LiveSetupError(
                "--stations",
                "expected 1…\(most) stations\(ptyPath == nil ? "" : " with ptys (more with --no-pty)"), got \(count)")
        }
        if let ptyPath {
            guard !ptyPath.isEmpty else { throw LiveSetupError("--pty", "the path is empty") }
            let placeholders = ptyPath.ranges(of: "%d").count
            guard placeholders <= 1 else {
                throw LiveSetupError("--pty-pattern", "'\(ptyPath)' has \(placeholders) '%d'; use exactly one")
            }
            guard placeholders == 1 || count == 1 else {
                throw LiveSetupError(
                    "--pty-pattern",
                    "\(count) stations need a path pattern with %d (e.g. /tmp/evsesim-%d), got '\(ptyPath)'")
            }
        }
        if let problem = ocpp?.problem { throw LiveSetupError("--ocpp", problem) }
        guard !ocppID.isEmpty, !ocppID.contains(where: { $0 == "/" || $0 == "?" || $0 == "#" || $0 == " " }) else {
            throw LiveSetupError("--ocpp-id", "'\(ocppID)' cannot be a URL path segment (no '/', '?', '#' or spaces)")
        }
        let base = evseID ?? station.everest.evseId
        guard !base.isEmpty, !base.contains(where: { $0 == "/" || $0 == "+" || $0 == "#" }) else {
            throw LiveSetupError("--evse-id", "'\(base)' cannot be an MQTT topic level (no '/', '+' or '#')")
        }
    }

    /// Station `index`'s pty link path, or nil when ptys are off.
    public func ptyPath(for index: Int) -> String? {
        ptyPath.map { $0.replacing("%d", with: String(index)) }
    }

    /// Station `index`'s EVSE id.
    public func evseID(for index: Int) -> String {
        let base = evseID ?? station.everest.evseId
        return count == 1 ? base : "\(base)_\(index)"
    }

    /// Station `index`'s system API module id, or nil when the system API is off.
    public func systemModuleID(for index: Int) -> String? {
        systemID.map { count == 1 ? $0 : "\($0)_\(index)" }
    }

    /// Station `index`'s OCPP charge point id.
    public func ocppChargePointID(for index: Int) -> String { count == 1 ? ocppID : "\(ocppID)_\(index)" }

    /// Station `index`'s OCPP face, or nil without `--ocpp`.
    public func ocppFace(for index: Int) -> OCPPFaceConfiguration? {
        guard let ocpp else { return nil }
        // A background scenario's `ocpp.configuration` sets keys for the real CSMS too.
        return OCPPFaceConfiguration(
            chargePointID: ocppChargePointID(for: index), model: station.id,
            keys: ocpp.faceKeys(scenario?.ocpp?.configuration ?? [:]))
    }

    /// Every station's EVSE id, in order: what `everest_api/connectors` lists.
    public var evseIDs: [String] { (0..<count).map(evseID(for:)) }

    /// The name station `index`'s random streams derive from under the master seed.
    public func streamName(for index: Int) -> String { count == 1 ? "station" : "station-\(index)" }
}
