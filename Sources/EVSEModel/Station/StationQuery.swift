import SimCore

/// The kind of value a query key yields, for validating scenarios before they run.
public enum QueryKind: String, Hashable, Sendable {
    case number, text, bool
}

/// One key a scenario may read.
public struct QueryKey: Hashable, Sendable {
    public var name: String
    public var kind: QueryKind
    /// Unit the number is in (`A`, `W`, `Wh`, `s`, `C`, or empty; SoC is a fraction 0…1).
    public var unit: String
    public var help: String
    /// For text keys: the values it can take, when the set is closed.
    public var choices: [String]
}

/// The name of one of ``Station/queryKeys``, resolved once.
public enum QueryName: String, CaseIterable, Hashable, Sendable {
    case evseState = "evse.state"
    case evseCode = "evse.code"
    case evseHardFault = "evse.hardFault"
    case pilot = "pilot"
    case pilotPwm = "pilot.pwm"
    case pilotDuty = "pilot.duty"
    case pilotAmps = "pilot.amps"
    case offeredAmps = "offered.amps"
    case requestedAmps = "requested.amps"
    case capacityAmps = "capacity.amps"
    case relay = "relay"
    case vehicleConnected = "vehicle.connected"
    case vehicleState = "vehicle.state"
    case vehicleSoc = "vehicle.soc"
    case vehicleCurrent = "vehicle.current"
    case meterPower = "meter.power"
    case meterEnergy = "meter.energy"
    case meterVoltage = "meter.voltage"
    case meterPhases = "meter.phases"
    case sessionEnergy = "session.energy"
    case sessionElapsed = "session.elapsed"
    case lifetimeEnergy = "lifetime.energy"
    case temperature = "temperature"
    case temperatureRtc = "temperature.rtc"
    case throttleStage = "throttle.stage"
    case heartbeatTrigger = "heartbeat.trigger"
    case countersGfi = "counters.gfi"
    case countersNoGround = "counters.noGround"
    case countersStuckRelay = "counters.stuckRelay"
    case powered = "powered"
    case everestPhase = "everest.phase"
    case everestEnabled = "everest.enabled"
    case everestAuthorized = "everest.authorized"
    case everestReserved = "everest.reserved"
    case ukRemaining = "uk.remaining"
}

extension Station {
    /// Every key ``query(_:)`` answers, with its type and meaning.
    public static let queryKeys: [QueryKey] = [
        .init(
            name: "evse.state", kind: .text, unit: "", help: "OpenEVSE state (A, B, C, sleeping, gfciFault, …)",
            choices: EvseState.allCases.map(\.name) + ["D"]),
        .init(name: "evse.code", kind: .number, unit: "", help: "OpenEVSE state byte ($GS field 1)", choices: []),
        .init(name: "evse.hardFault", kind: .bool, unit: "", help: "hard fault flag set", choices: []),
        .init(
            name: "pilot", kind: .text, unit: "", help: "state on the pilot line (A–E, none without power)",
            choices: PilotState.allCases.map(\.rawValue) + ["none"]),
        .init(name: "pilot.pwm", kind: .bool, unit: "", help: "the EVSE drives a PWM", choices: []),
        .init(name: "pilot.duty", kind: .number, unit: "%", help: "PWM duty cycle (100 steady +12 V)", choices: []),
        .init(name: "pilot.amps", kind: .number, unit: "A", help: "current the EV reads from the pilot", choices: []),
        .init(
            name: "offered.amps", kind: .number, unit: "A", help: "offered current after the random delay", choices: []),
        .init(
            name: "requested.amps", kind: .number, unit: "A", help: "offered current before the random delay",
            choices: []),
        .init(name: "capacity.amps", kind: .number, unit: "A", help: "controller current capacity ($GE)", choices: []),
        .init(name: "relay", kind: .text, unit: "", help: "relay contacts", choices: ["open", "closed"]),
        .init(name: "vehicle.connected", kind: .bool, unit: "", help: "an EV is plugged in", choices: []),
        .init(
            name: "vehicle.state", kind: .text, unit: "", help: "pilot state the EV presents",
            choices: ["A", "B", "C", "D"]),
        .init(
            name: "vehicle.soc", kind: .number, unit: "", help: "state of charge, 0…1 (write 80% for 0.8)", choices: []),
        .init(name: "vehicle.current", kind: .number, unit: "A", help: "current per phase the EV draws", choices: []),
        .init(name: "meter.power", kind: .number, unit: "W", help: "true total power", choices: []),
        .init(name: "meter.energy", kind: .number, unit: "Wh", help: "imported energy (never decreases)", choices: []),
        .init(name: "meter.voltage", kind: .number, unit: "V", help: "true L1 voltage", choices: []),
        .init(name: "meter.phases", kind: .number, unit: "", help: "phases carrying current", choices: []),
        .init(name: "session.energy", kind: .number, unit: "Wh", help: "energy of this session (meter)", choices: []),
        .init(
            name: "session.elapsed", kind: .number, unit: "s", help: "charge time of this session ($GS)", choices: []),
        .init(
            name: "lifetime.energy", kind: .number, unit: "Wh",
            help: "lifetime energy as the controller counts it ($GU: voltage setting × current)", choices: []),
        .init(name: "temperature", kind: .number, unit: "C", help: "enclosure temperature (MCP9808)", choices: []),
        .init(
            name: "temperature.rtc", kind: .number, unit: "C",
            help: "the DS3231 real-time clock's sensor, away from the relay", choices: []),
        .init(name: "throttle.stage", kind: .number, unit: "", help: "0 none, 1 half, 2 quarter current", choices: []),
        .init(name: "heartbeat.trigger", kind: .number, unit: "", help: "0 ok, 2 missed, 1 acknowledged", choices: []),
        .init(name: "counters.gfi", kind: .number, unit: "", help: "GFI trips ($GF)", choices: []),
        .init(name: "counters.noGround", kind: .number, unit: "", help: "no-ground trips", choices: []),
        .init(name: "counters.stuckRelay", kind: .number, unit: "", help: "stuck-relay trips", choices: []),
        .init(name: "powered", kind: .bool, unit: "", help: "the station has supply", choices: []),
        .init(
            name: "everest.phase", kind: .text, unit: "", help: "EvseManager session phase",
            choices: EverestSide.Phase.allCases.map(\.rawValue)),
        .init(name: "everest.enabled", kind: .bool, unit: "", help: "enable/disable table result", choices: []),
        .init(
            name: "everest.authorized", kind: .bool, unit: "", help: "a token was accepted for this session",
            choices: []),
        .init(name: "everest.reserved", kind: .bool, unit: "", help: "the EVSE is reserved", choices: []),
        .init(
            name: "uk.remaining", kind: .number, unit: "s", help: "random delay countdown (0 when none)", choices: []),
    ]

    /// Reads one key of ``queryKeys``; nil for an unknown key.
    public func query(_ key: String) -> ConditionValue? { QueryName(rawValue: key).map { query($0) } }

    /// Reads one key resolved beforehand (what a reader asking after every change keeps:
    /// matching the name against every key in turn was a tenth of running the scenarios).
    /// Always inlined, so that ``read(_:)`` reads in place.
    @inline(__always)
    public func query(_ name: QueryName) -> ConditionValue {
        switch name {
        case .evseState: .string(controller.state.name)
        case .evseCode: .number(Double(controller.state.rawValue))
        case .evseHardFault: .bool(controller.vflags.contains(.hardFault))
        case .pilot: .string(linePilot?.rawValue ?? "none")
        case .pilotPwm: .bool(pilotSignal.isPWM)
        case .pilotDuty: .number(pilotSignal.dutyPercent)
        case .pilotAmps: .number(pilotAmps)
        case .offeredAmps: .number(offeredAmps)
        case .requestedAmps: .number(requestedAmps)
        case .capacityAmps: .number(Double(controller.capacityAmps))
        case .relay: .string(relay.closed ? "closed" : "open")
        case .vehicleConnected: .bool(vehicle != nil)
        case .vehicleState: .string(vehicle?.presented.rawValue ?? "A")
        case .vehicleSoc: .number(vehicle?.soc ?? 0)
        case .vehicleCurrent: .number(flowingAmps)
        case .meterPower: .number(truePower)
        case .meterEnergy: .number(meter.importedWh)
        case .meterVoltage: .number(powered ? trueVoltage(amps: flowingAmps) : 0)
        case .meterPhases: .number(flowingAmps > 0 ? Double(activePhases) : 0)
        case .sessionEnergy: .number(controller.sessionMeterJoules / 3600)
        case .sessionElapsed: .number(Double(sessionElapsed.wholeSeconds))
        case .lifetimeEnergy: .number(settings.lifetimeWh)
        case .temperature: .number(temperatureCelsius)
        case .temperatureRtc: .number(rtcTemperatureCelsius)
        case .throttleStage: .number(Double(controller.throttleStage))
        case .heartbeatTrigger: .number(Double(controller.heartbeatTrigger))
        case .countersGfi: .number(Double(settings.gfiTrips))
        case .countersNoGround: .number(Double(settings.noGroundTrips))
        case .countersStuckRelay: .number(Double(settings.stuckRelayTrips))
        case .powered: .bool(powered)
        case .everestPhase: .string(everest.phase.rawValue)
        case .everestEnabled: .bool(everest.enabled)
        case .everestAuthorized: .bool(everest.authorized)
        case .everestReserved: .bool(everest.reserved)
        case .ukRemaining: .number(Double(randomDelayRemainingSeconds))
        }
    }

    /// ``query(_:)-(QueryName)`` for a reader holding the station in mutable storage, after every
    /// change: `mutating` only to be read in place, where a call of the non-mutating query from
    /// another module copies the whole station (1.2 KB) first.
    public mutating func read(_ name: QueryName) -> ConditionValue { query(name) }
}

extension Station {
    /// Whole seconds left of a running UK random delay (0 when none).
    public var randomDelayRemainingSeconds: Int64 {
        guard let end = everest.randomDelay.endsAt else { return 0 }
        let left: SimDuration = end - now
        return max(0, left.wholeSeconds)
    }
}
