import EVSEModel
import JSON
import SimCore
import Testing
import Wire

@testable import EverestAPI

/// A station, its EVerest face and the driver loop between them, in virtual time: station
/// events one at a time with ``EverestFace/afterStep(events:station:)`` after each, and a tick on
/// every whole second.
struct FaceRig {
    var station: Station
    var face: EverestFace
    /// Everything published, in order.
    var published: [MQTTMessage] = []
    /// The output of each tick.
    var ticks: [[MQTTMessage]] = []
    /// Every trace record of the face.
    var records: [TraceRecord] = []
    /// Every event of the station, in order.
    var stationEvents: [TimedStationEvent] = []
    var nextTick: SimInstant

    init(
        profile: StationProfile = StationProfile(), vehicle: VehicleProfile = VehicleProfile(), seed: UInt64 = 7,
        configuration: EverestFaceConfiguration = EverestFaceConfiguration()
    ) {
        station = Station(profile: profile, vehicle: vehicle, seed: seed)
        face = EverestFace(station: station, configuration: configuration)
        nextTick = station.now + .seconds(1)
        afterStep()
    }

    /// A 3-phase 230 V station (EVerest PWM mapping) with a 3-phase EV.
    static func threePhase(seed: UInt64 = 7) -> FaceRig {
        var profile = StationProfile()
        profile.phases = 3
        profile.nominalVoltage = 230
        profile.hardwareMaxAmps = 32
        profile.pwmMapping = "everest"
        var vehicle = VehicleProfile()
        vehicle.phases = 3
        return FaceRig(profile: profile, vehicle: vehicle, seed: seed)
    }

    /// The default station with the UK random delay on.
    static func ukDelay(seed: UInt64 = 7, flavor: EverestAPIFlavor = .documented) -> FaceRig {
        var profile = StationProfile()
        profile.ukRandomDelay.enabled = true
        return FaceRig(profile: profile, seed: seed, configuration: EverestFaceConfiguration(flavor: flavor))
    }

    /// Runs `seconds` seconds of sim time.
    mutating func run(seconds: Int) {
        for _ in 0..<seconds {
            while station.step(notAfter: nextTick) != nil { afterStep() }
            station.run(until: nextTick)
            let set = face.tick(station: &station)
            ticks.append(set)
            collect(set)
            nextTick = nextTick + .seconds(1)
        }
    }

    /// Plugs the EV in and runs until it charges at full current (the EV ramps at 10 A/s).
    mutating func charge() {
        apply(.plug)
        run(seconds: 10)
    }

    /// Whether the EV draws `amps` per phase, give or take the PWM's resolution (an
    /// OpenEVSE duty cycle of 16.6 % reads back as 9.975 A, not 10).
    func draws(_ amps: Double) -> Bool { abs(station.flowingAmps - amps) < 0.1 }

    mutating func apply(_ action: StationAction) {
        station.apply(action)
        afterStep()
    }

    /// Delivers a command as the broker would.
    @discardableResult
    mutating func send(_ command: EverestCommandName, _ payload: String) -> EverestFaceResult {
        let result = face.receive(topic: face.topics.command(command), payload: payload, station: &station)
        afterStep()
        return result
    }

    /// Hands the station's events to the face, as a driver does after every change.
    mutating func afterStep() {
        let events = station.drainEvents()
        stationEvents += events
        collect(face.afterStep(events: events, station: station))
    }

    private mutating func collect(_ messages: [MQTTMessage]) {
        published += messages
        records += face.drainRecords()
    }

    /// The payload of `topic` in the latest tick.
    func latestText(_ topic: String) -> String? {
        ticks.last?.last { $0.topic == topic }?.payloadText
    }

    /// The payload of `topic` in the latest tick, parsed.
    func latestJSON(_ topic: String) throws -> JSONValue {
        let text = try #require(latestText(topic))
        return try parsePayload(text)
    }

    /// The payload of the latest tick's `var/<variable>`, parsed.
    func latest(_ variable: EverestTopics.Variable) throws -> JSONValue {
        try latestJSON(face.topics.variable(variable))
    }

    /// The latest tick's `session_info`.
    func sessionInfo() throws -> JSONValue { try latest(.sessionInfo) }

    /// Every published `session_info` state, consecutive repeats removed.
    var sessionStates: [String] {
        let topic = face.topics.variable(.sessionInfo)
        var states: [String] = []
        for message in published where message.topic == topic {
            guard let state = (try? parsePayload(message.payload))?["state"]?.string else { continue }
            if states.last != state { states.append(state) }
        }
        return states
    }

    /// The latest tick's powermeter current on L1…L3 (0 where absent).
    func phaseCurrents() throws -> [Double] {
        let current = try #require(try latest(.powermeter)["current_A"])
        return ["L1", "L2", "L3"].map { current[$0]?.number ?? 0 }
    }
}

/// Test-side accessors for parsed payloads.
extension JSONValue {
    var string: String? { stringValue }
    var number: Double? { numberValue?.doubleValue }
    var bool: Bool? { boolValue }
    var array: [JSONValue]? { arrayValue }
}

/// What a command could change on the station, for "nothing changed" checks.
struct StationSnapshot: Equatable {
    var state: EvseState
    var capacity: Int
    var relayClosed: Bool
    var limitAmps: Double?
    var limitWatts: Double?
    var phaseLimit: Int?
    var offeredAmps: Double
    var rows: [EnableDisableRow]
    var enabled: Bool
    var delayEnabled: Bool
    var delayMax: Int
    var delayRunning: Bool
    var transaction: EverestSide.Transaction
    var pauseReasons: Set<EverestPauseReason>
    var ocpp: OCPPStatus

    init(_ s: Station) {
        state = s.controller.state
        capacity = s.controller.capacityAmps
        relayClosed = s.relay.closed
        limitAmps = s.everest.limitAmps
        limitWatts = s.everest.limitWatts
        phaseLimit = s.everest.phaseLimit
        offeredAmps = s.offeredAmps
        rows = s.everest.table.rows
        enabled = s.everest.enabled
        delayEnabled = s.everest.randomDelay.isEnabled
        delayMax = s.everest.randomDelay.maxDurationSeconds
        delayRunning = s.everest.randomDelay.isRunning
        transaction = s.everest.transaction
        pauseReasons = s.everest.pauseReasons
        ocpp = s.everest.ocppStatus
    }
}

/// A payload parsed as the real module's nlohmann `json::parse` reads it.
func parsePayload(_ bytes: [UInt8]) throws -> JSONValue {
    try JSONParser(policy: .nlohmann).parse(bytes, file: "payload")
}

/// A payload given as text, parsed as ``parsePayload(_:)-([UInt8])`` does.
func parsePayload(_ text: String) throws -> JSONValue { try parsePayload(Array(text.utf8)) }
