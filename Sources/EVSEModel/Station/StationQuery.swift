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
    public func query(_ key: String) -> ConditionValue? { Self.readers[key]?(self) }

    /// How each key is read. A dictionary: scenario conditions read keys after every change,
    /// and matching the key against each name in turn was a tenth of running them.
    static let readers: [String: @Sendable (borrowing Station) -> ConditionValue] = [
        "evse.state": { s in .string(s.controller.state.name) },
        "evse.code": { s in .number(Double(s.controller.state.rawValue)) },
        "evse.hardFault": { s in .bool(s.controller.vflags.contains(.hardFault)) },
        "pilot": { s in .string(s.linePilot?.rawValue ?? "none") },
        "pilot.pwm": { s in .bool(s.pilotSignal.isPWM) },
        "pilot.duty": { s in .number(s.pilotSignal.dutyPercent) },
        "pilot.amps": { s in .number(s.pilotAmps) },
        "offered.amps": { s in .number(s.offeredAmps) },
        "requested.amps": { s in .number(s.requestedAmps) },
        "capacity.amps": { s in .number(Double(s.controller.capacityAmps)) },
        "relay": { s in .string(s.relay.closed ? "closed" : "open") },
        "vehicle.connected": { s in .bool(s.vehicle != nil) },
        "vehicle.state": { s in .string(s.vehicle?.presented.rawValue ?? "A") },
        "vehicle.soc": { s in .number(s.vehicle?.soc ?? 0) },
        "vehicle.current": { s in .number(s.flowingAmps) },
        "meter.power": { s in .number(s.truePower) },
        "meter.energy": { s in .number(s.meter.importedWh) },
        "meter.voltage": { s in .number(s.powered ? s.trueVoltage(amps: s.flowingAmps) : 0) },
        "meter.phases": { s in .number(s.flowingAmps > 0 ? Double(s.activePhases) : 0) },
        "session.energy": { s in .number(s.controller.sessionMeterJoules / 3600) },
        "session.elapsed": { s in .number(Double(s.sessionElapsed.wholeSeconds)) },
        "lifetime.energy": { s in .number(s.settings.lifetimeWh) },
        "temperature": { s in .number(s.temperatureCelsius) },
        "temperature.rtc": { s in .number(s.rtcTemperatureCelsius) },
        "throttle.stage": { s in .number(Double(s.controller.throttleStage)) },
        "heartbeat.trigger": { s in .number(Double(s.controller.heartbeatTrigger)) },
        "counters.gfi": { s in .number(Double(s.settings.gfiTrips)) },
        "counters.noGround": { s in .number(Double(s.settings.noGroundTrips)) },
        "counters.stuckRelay": { s in .number(Double(s.settings.stuckRelayTrips)) },
        "powered": { s in .bool(s.powered) },
        "everest.phase": { s in .string(s.everest.phase.rawValue) },
        "everest.enabled": { s in .bool(s.everest.enabled) },
        "everest.authorized": { s in .bool(s.everest.authorized) },
        "everest.reserved": { s in .bool(s.everest.reserved) },
        "uk.remaining": { s in .number(Double(s.randomDelayRemainingSeconds)) },
    ]
}

extension Station {
    /// Whole seconds left of a running UK random delay (0 when none).
    public var randomDelayRemainingSeconds: Int64 {
        guard let end = everest.randomDelay.endsAt else { return 0 }
        let left: SimDuration = end - now
        return max(0, left.wholeSeconds)
    }
}
