/// The trace's rendering of station events: one record (source `station`) per event, its kind
/// and fields as documented in the README's trace section.
extension TimedStationEvent {
    /// The event as a trace record.
    public var record: TraceRecord {
        TraceRecord(time: time, source: "station", kind: event.traceKind, fields: event.traceFields)
    }
}

extension StationEvent {
    /// The record kind, e.g. `evse.state`.
    public var traceKind: String {
        switch self {
        case .evseState: "evse.state"
        case .bootStarted: "boot.start"
        case .bootCompleted: "boot.done"
        case .controllerReboot: "controller.reboot"
        case .serviceLevel: "controller.serviceLevel"
        case .countersReset: "controller.countersReset"
        case .capacity: "capacity"
        case .heartbeatMissed: "heartbeat.missed"
        case .faultInjected: "fault.inject"
        case .faultRemoved: "fault.clear"
        case .faultEntered: "fault.state"
        case .faultRetry: "fault.retry"
        case .faultShutdown: "fault.shutdown"
        case .faultCleared: "fault.cleared"
        case .relayRecovery: "relay.recovery"
        case .relay: "relay"
        case .pilotSignal: "pilot.signal"
        case .pilotSensed: "pilot.sensed"
        case .vehiclePilot: "vehicle.pilot"
        case .vehiclePlugged: "vehicle.plug"
        case .vehicleUnplugged: "vehicle.unplug"
        case .vehicleUpdated: "vehicle.update"
        case .vehicleCurrent: "vehicle.current"
        case .vehicleSoc: "vehicle.soc"
        case .vehicleFull: "vehicle.full"
        case .powerCut: "power.cut"
        case .powerRestored: "power.restore"
        case .ambient: "thermal.ambient"
        case .thermalStage: "thermal.stage"
        case .thermalPanic: "thermal.panic"
        case .session: "session.event"
        case .externalLimit: "limit.external"
        case .enableDisable: "everest.enableDisable"
        case .ukDelayStarted: "uk.delay.start"
        case .ukDelayEnded: "uk.delay.end"
        case .ukDelayCommand: "uk.delay.command"
        case .ukDelayMax: "uk.delay.max"
        case .ocppStatus: "ocpp.status"
        case .firmwareUpdateStatus: "system.firmware"
        case .logStatus: "system.log"
        case .systemReset: "system.reset"
        case .bootReason: "system.bootReason"
        case .systemTimeSet: "system.time"
        case .systemFault: "system.fault"
        }
    }

    /// The record's fields, in a fixed order; numbers with the decimals the trace always used.
    public var traceFields: [TraceRecord.Field] {
        switch self {
        case .evseState(let from, let to): [.init("from", .string(from.name)), .init("to", .string(to.name))]
        case .bootStarted(let version): [.init("firmware", .string(version))]
        case .bootCompleted(let postCode): [.init("postcode", .string(postCode.hex))]
        case .controllerReboot, .countersReset, .vehicleUnplugged, .powerCut, .powerRestored, .ukDelayEnded: []
        case .serviceLevel(let level): [.init("level", .int(Int64(level)))]
        case .capacity(let amps): [.init("amps", .int(Int64(amps)))]
        case .heartbeatMissed(let fallback): [.init("fallback", .int(Int64(fallback)))]
        case .faultInjected(let fault), .faultRemoved(let fault): [.init("fault", .string(fault.rawValue))]
        case .faultEntered(let state, let hard): [.init("state", .string(state.name)), .init("hard", .bool(hard))]
        case .faultRetry(let attempt): [.init("retry", .int(Int64(attempt)))]
        case .faultShutdown(let state), .faultCleared(let state): [.init("state", .string(state.name))]
        case .relayRecovery(let welded): [.init("welded", .bool(welded))]
        case .relay(let closed): [.init("closed", .bool(closed))]
        case .pilotSignal(let signal, let amps):
            [.init("signal", .string(signal.traceName)), .init("amps", .num(amps, 2))]
        case .pilotSensed(let state): [.init("state", .string(state?.rawValue ?? "none"))]
        case .vehiclePilot(let state): [.init("state", .string(state.rawValue))]
        case .vehiclePlugged(let profile, let soc): [.init("vehicle", .string(profile)), .init("soc", .num(soc, 4))]
        case .vehicleUpdated(let soc, let paused): [.init("soc", .num(soc, 4)), .init("paused", .bool(paused))]
        case .vehicleCurrent(let amps): [.init("amps", .num(amps))]
        case .vehicleSoc(let soc), .vehicleFull(let soc): [.init("soc", .num(soc, 4))]
        case .ambient(let celsius), .thermalPanic(let celsius): [.init("celsius", .num(celsius, 2))]
        case .thermalStage(let stage, let celsius):
            [.init("stage", .int(Int64(stage))), .init("celsius", .num(celsius, 2))]
        case .session(let event): [.init("event", .string(event.description))]
        case .externalLimit(let amps, let watts, let phases):
            (amps.map { [TraceRecord.Field("amps", .num($0, 2))] } ?? [])
                + (watts.map { [TraceRecord.Field("watts", .num($0, 1))] } ?? [])
                + (phases.map { [TraceRecord.Field("phases", .int(Int64($0)))] } ?? [])
        case .enableDisable(let row, let enabled):
            [.init("row", .string(row.description)), .init("enabled", .bool(enabled))]
        case .ukDelayStarted(let seconds, let held, let requested):
            [.init("seconds", .int(seconds)), .init("held", .num(held, 2)), .init("requested", .num(requested, 2))]
        case .ukDelayCommand(let command): [.init("command", .string(command.rawValue))]
        case .ukDelayMax(let seconds): [.init("seconds", .int(Int64(seconds)))]
        case .ocppStatus(let status): [.init("status", .string(status.rawValue))]
        case .firmwareUpdateStatus(let status, let id):
            [.init("status", .string(status.rawValue)), .init("request", .int(Int64(id)))]
        case .logStatus(let status, let id):
            [.init("status", .string(status.rawValue)), .init("request", .int(Int64(id)))]
        case .systemReset(let type, let scheduled):
            [.init("type", .string(type.rawValue)), .init("scheduled", .bool(scheduled))]
        case .bootReason(let reason): [.init("reason", .string(reason.rawValue))]
        case .systemTimeSet(let seconds): [.init("epoch", .int(seconds))]
        case .systemFault(let fault, let active):
            [.init("fault", .string(fault.rawValue)), .init("active", .bool(active))]
        }
    }
}
