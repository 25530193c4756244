public import EverestAPI
public import OCPPTransport
public import Scenario
public import SystemAPI
public import Transport

/// How a fleet file is served: where clients find its stations, and which of them this
/// process runs.
///
/// Station `k` (global index) is pty ``ptyPattern`` with `%d` → `k` and EVSE id `<id>_<k>`
/// whatever the shard, so `M` processes sharing one broker form one fleet with unique ids.
public struct FleetServeOptions: Sendable {
    /// Where station `k`'s pty link goes (`%d` → global index); nil serves no pty.
    public var ptyPattern: String?
    /// Release RAPI output no faster than 115200 baud would.
    public var baudPacing: Bool
    /// Put a pty back in raw mode when its client turns echo on (`--guard-echo`); otherwise the
    /// echo storm runs, as on a real board, with a warning.
    public var guardsEcho = false
    /// How often a pty with no client looks for one.
    public var detachedCheckInterval: Duration
    /// The base of the EVSE ids; nil takes the station profile's.
    public var evseID: String?
    /// The EVerest payload shapes.
    public var flavor: EverestAPIFlavor
    /// The broker; nil runs without MQTT.
    public var mqtt: MQTTOptions?
    /// Where the trace goes; nil for none.
    public var tracePath: String?
    /// Trace every 1 Hz publication.
    public var traceTelemetry: Bool
    /// Which stations this process serves.
    public var shard: FleetShard
    /// Render station events as records even without a trace, for observers (the control API).
    public var observed = false
    /// The system API module id base (`<id>_<k>`; the id alone for one station); nil: none.
    public var systemID: String? = "system"
    /// The I/O behind the system API's real downloads and uploads; nil simulates them.
    public var systemEffects: (any SystemEffects)?
    /// The CSMS every station connects to (`--ocpp`), and the charge point id base (`<id>_<k>`).
    public var ocpp: OCPPLinkSettings?
    public var ocppID = "evsesim"

    /// The most stations one process serves with ptys (each holds descriptors and a link).
    public static let maximumPTYStations = 256

    /// Creates options; the defaults serve the whole fleet on `/tmp/evsesim-%d` without MQTT.
    public init(
        ptyPattern: String? = LiveFleetConfiguration.defaultPTYPattern, baudPacing: Bool = false,
        detachedCheckInterval: Duration = .milliseconds(100), evseID: String? = nil,
        flavor: EverestAPIFlavor = .everest, mqtt: MQTTOptions? = nil, tracePath: String? = nil,
        traceTelemetry: Bool = false, shard: FleetShard = .whole
    ) {
        self.ptyPattern = ptyPattern
        self.baudPacing = baudPacing
        self.detachedCheckInterval = detachedCheckInterval
        self.evseID = evseID
        self.flavor = flavor
        self.mqtt = mqtt
        self.tracePath = tracePath
        self.traceTelemetry = traceTelemetry
        self.shard = shard
    }
}
