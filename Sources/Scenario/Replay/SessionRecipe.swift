public import EVSEModel
public import JSON

/// Everything needed to rebuild a live session, as the `live` object of a trace header.
///
/// The profiles are kept as resolved JSON (the profile file with the scenario's or the command
/// line's overrides merged in), so a replay does not depend on the profile folder it runs
/// beside; the built-in defaults under them belong to the evsesim version, recorded too. The
/// options that change what the station does (`flavor`, ids, `powerOn`, `traceTelemetry`, the
/// background scenario) rebuild the run; the others (`speed`, `pty`, `mqtt`, `baudPacing`,
/// `guardEcho`) only say how it was served.
public struct SessionRecipe: Sendable, Hashable {
    /// The version of evsesim that wrote the trace.
    public static let simulatorVersion = "0.1.0"

    /// The station profile as resolved, with its `id`.
    public var station: JSONValue
    /// The vehicle profile as resolved, with its `id`.
    public var vehicle: JSONValue
    /// Number of stations served.
    public var stations: Int = 1
    /// `--flavor`.
    public var flavor: String = "everest"
    /// `--evse-id`, or nil for the profile's.
    public var evseID: String?
    /// `--system-id`, or nil when the system API was off.
    public var systemID: String? = "system"
    /// `--power-on`.
    public var powerOn = false
    /// `--trace-telemetry`.
    public var traceTelemetry = false
    /// The background scenario file as given, and its text exactly (so its steps keep their
    /// line:column in verdicts), if any.
    public var scenarioFile: String?
    public var scenario: String?
    /// How the session was served (informative): `speed`, `pty`, `mqtt`, `baudPacing`, `guardEcho`.
    public var served: JSONObject = [:]
    /// `--ocpp-id` when the stations had the OCPP face (`--ocpp`), else nil: a replay rebuilds
    /// the faces and feeds them the recorded CSMS frames (`input.ocpp`).
    public var ocppID: String?
    /// `--ocpp-ping-interval` in seconds (the WebSocketPingInterval key).
    public var ocppPingInterval = 0
    /// Whether an AuthorizationKey was set (never the key itself: it is a secret and changes
    /// nothing the face reports).
    public var ocppAuthorizationKey = false
    /// The version that wrote it.
    public var version: String = SessionRecipe.simulatorVersion

    /// Creates a recipe from resolved profiles.
    public init(station: JSONValue, vehicle: JSONValue) {
        self.station = station
        self.vehicle = vehicle
    }

    /// The header members: `evsesim` (the version) and `live` (the recipe).
    public var headerMembers: JSONObject {
        var live = JSONObject()
        live["stations"] = .int(stations)
        live["station"] = station
        live["vehicle"] = vehicle
        live["flavor"] = .string(flavor)
        live["evseId"] = evseID.map(JSONValue.string) ?? .null
        live["systemId"] = systemID.map(JSONValue.string) ?? .null
        live["powerOn"] = .bool(powerOn)
        live["traceTelemetry"] = .bool(traceTelemetry)
        if let scenarioFile, let scenario {
            live["scenarioFile"] = .string(scenarioFile)
            live["scenarioText"] = .string(scenario)
        }
        live["served"] = .object(served)
        if let ocppID {
            live["ocpp"] = [
                "id": .string(ocppID), "pingInterval": .int(ocppPingInterval),
                "authorizationKey": .bool(ocppAuthorizationKey),
            ]
        }
        var out = JSONObject()
        out["evsesim"] = .string(version)
        out["live"] = .object(live)
        return out
    }

    /// Reads the recipe back from a trace header.
    /// - Throws: ``ReplayError`` when the header has no `live` object (a fast run's trace, a
    ///   fleet file's session, or an older evsesim) or one that does not read.
    public init(header: JSONValue, file: String) throws(ReplayError) {
        guard let live = header["live"]?.objectValue else {
            throw ReplayError(
                file: file, line: 1,
                "the header has no \"live\" recipe: only traces written by `evsesim serve --trace` (without --fleet) "
                    + "of evsesim \(Self.simulatorVersion) or later can be replayed")
        }
        func bad(_ key: String, _ expected: String) -> ReplayError {
            ReplayError(
                file: file, line: 1,
                "header live.\(key): expected \(expected), found \(live[key]?.jsonText ?? "nothing")")
        }
        guard let station = live["station"], station.objectValue != nil else {
            throw bad("station", "a profile object")
        }
        guard let vehicle = live["vehicle"], vehicle.objectValue != nil else {
            throw bad("vehicle", "a profile object")
        }
        self.init(station: station, vehicle: vehicle)
        guard let count = live["stations"]?.numberValue?.int64Value, count >= 1 else {
            throw bad("stations", "a count of at least 1")
        }
        stations = Int(count)
        guard let flavor = live["flavor"]?.stringValue else { throw bad("flavor", "a flavour name") }
        self.flavor = flavor
        evseID = live["evseId"]?.stringValue
        systemID = live["systemId"]?.stringValue
        powerOn = live["powerOn"]?.boolValue ?? false
        traceTelemetry = live["traceTelemetry"]?.boolValue ?? false
        scenarioFile = live["scenarioFile"]?.stringValue
        scenario = live["scenarioText"]?.stringValue
        served = live["served"]?.objectValue ?? [:]
        if let ocpp = live["ocpp"] {
            guard let id = ocpp["id"]?.stringValue else { throw bad("ocpp", #"{"id": …, "pingInterval": …}"#) }
            ocppID = id
            ocppPingInterval = ocpp["pingInterval"]?.numberValue?.int64Value.map { Int($0) } ?? 0
            ocppAuthorizationKey = ocpp["authorizationKey"]?.boolValue ?? false
        }
        version = header["evsesim"]?.stringValue ?? "unknown"
    }

    /// The station profile the recipe describes (built-in defaults, then the recorded JSON).
    public func stationProfile(file: String) throws(ScenarioValidationError) -> StationProfile {
        try StationProfile.jsonFields.decode(onto: StationProfile(), layers: [JSONNode(station)], file: file)
    }

    /// The vehicle profile the recipe describes.
    public func vehicleProfile(file: String) throws(ScenarioValidationError) -> VehicleProfile {
        try VehicleProfile.jsonFields.decode(onto: VehicleProfile(), layers: [JSONNode(vehicle)], file: file)
    }
}

extension ProfileLibrary {
    /// A station selection resolved to JSON: the profile file with the overrides merged in, and
    /// its `id`; nil for an unknown name.
    public func resolvedStationJSON(_ selection: ProfileSelection) -> JSONValue? {
        stations[selection.profile].map { Self.withID(selection.applied(to: $0), selection.profile) }
    }

    /// A vehicle selection resolved to JSON (nil selection: the first vehicle profile, as
    /// ``vehicleProfile(_:file:)`` takes it); nil for an unknown name.
    public func resolvedVehicleJSON(_ selection: ProfileSelection?) -> JSONValue? {
        guard let selection else { return vehicleNames.first.flatMap { vehicles[$0] }.map { Self.withID($0, nil) } }
        return vehicles[selection.profile].map { Self.withID(selection.applied(to: $0), selection.profile) }
    }

    private static func withID(_ json: JSONValue, _ name: String?) -> JSONValue {
        guard var object = json.objectValue else { return json }
        if object["id"] == nil, let name { object["id"] = .string(name) }
        return .object(object)
    }
}
