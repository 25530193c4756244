import SimCore

/// Something the station did, as the protocol faces and the trace learn of it.
///
/// The station appends one event, with its instant, for every change a face or a reader of the
/// trace may care about; a driver drains them after every step (``Station/drainEvents()``) and
/// hands the same list to each face and to the trace. A face switches over every case, so a new
/// event cannot be silently ignored by one of them. The trace is one rendering of these events
/// (``TimedStationEvent/record``).
public enum StationEvent: Hashable, Sendable {
    // MARK: The controller

    /// The controller's state changed.
    case evseState(from: EvseState, to: EvseState)
    /// The controller began booting (power-up, watchdog reset or fault retry); `firmwareVersion`
    /// is the profile's `$GV` version.
    case bootStarted(firmwareVersion: String)
    /// The power-on self-test finished; `postCode` is ``EvseState/unknown`` when it passed,
    /// else the fault it found.
    case bootCompleted(postCode: EvseState)
    /// `$FR`: the controller will reset.
    case controllerReboot
    /// `$SL`: the service level (1 or 2) was chosen.
    case serviceLevel(Int)
    /// `$FC`: the fault counters were zeroed.
    case countersReset
    /// The live current capacity changed.
    case capacity(amps: Int)
    /// The heartbeat supervision timed out; the capacity falls back to `fallbackAmps`.
    case heartbeatMissed(fallbackAmps: Int)

    // MARK: Faults

    /// A scenario injected a fault.
    case faultInjected(StationFaultKind)
    /// A scenario cleared an injected fault.
    case faultRemoved(StationFaultKind)
    /// The controller entered a fault state.
    case faultEntered(EvseState, hard: Bool)
    /// A GFI or no-ground fault is retried (the `attempt`th time).
    case faultRetry(attempt: Int)
    /// Over-temperature or over-current: the PWM stops; the fault state follows after a wait.
    case faultShutdown(EvseState)
    /// Unplugging cleared the fault the controller was in.
    case faultCleared(EvseState)
    /// `$FK`: the stuck-relay recovery cycled the relay.
    case relayRecovery(welded: Bool)

    // MARK: The physical world

    /// The relay contacts moved.
    case relay(closed: Bool)
    /// The EVSE's pilot signal changed; `amps` is what an EV reads from it.
    case pilotSignal(PilotSignal, amps: Double)
    /// The controller's debounced reading of the pilot line (nil: no reading, without power).
    case pilotSensed(PilotState?)
    /// The EV presents a new pilot state.
    case vehiclePilot(PilotState)
    /// The EV of vehicle profile `profile` was plugged in.
    case vehiclePlugged(profile: String, soc: Double)
    /// The EV was unplugged.
    case vehicleUnplugged
    /// A scenario changed the EV (state of charge, pause, ventilation, overdraw).
    case vehicleUpdated(soc: Double, paused: Bool)
    /// The EV's current per phase settled at a new value.
    case vehicleCurrent(amps: Double)
    /// The battery reached a curve breakpoint or its target.
    case vehicleSoc(Double)
    /// The battery is full: the EV stops asking for energy.
    case vehicleFull(soc: Double)
    /// The supply failed.
    case powerCut
    /// The supply returned.
    case powerRestored
    /// The ambient temperature changed.
    case ambient(celsius: Double)
    /// Over-temperature throttling moved to `stage` (0 none, 1 half, 2 quarter current).
    case thermalStage(Int, celsius: Double)
    /// The temperature reached the panic threshold.
    case thermalPanic(celsius: Double)

    // MARK: The EVerest side

    /// An EvseManager session event.
    case session(EverestSessionEvent)
    /// The external limit now in force (nil parts are not limited).
    case externalLimit(amps: Double?, watts: Double?, phases: Int?)
    /// An enable/disable row was applied; `enabled` is the resulting availability.
    case enableDisable(EnableDisableRow, enabled: Bool)
    /// A UK random delay began: `seconds` long, holding `heldAmps` while `requestedAmps` waits.
    case ukDelayStarted(seconds: Int64, heldAmps: Double, requestedAmps: Double)
    /// The UK random delay ended.
    case ukDelayEnded
    /// A UK random delay command was applied.
    case ukDelayCommand(UKRandomDelayCommand)
    /// The UK random delay's maximum was set.
    case ukDelayMax(seconds: Int)
    /// The OCPP connection state the station reports changed.
    case ocppStatus(OCPPStatus)

    // MARK: The system (firmware, logs, reset, clock)

    /// A firmware update reached `status` (`m2e/firmware_update_status`).
    case firmwareUpdateStatus(FirmwareUpdateStatus, requestID: Int)
    /// A log upload reached `status` (`m2e/log_status`).
    case logStatus(LogStatus, requestID: Int)
    /// A reset was asked for (soft resets wait for the transaction to end).
    case systemReset(ResetType, scheduled: Bool)
    /// The controller is booting for `reason`.
    case bootReason(BootReason)
    /// The calendar clock was set (virtual time is untouched).
    case systemTimeSet(epochSeconds: Int64)
    /// A scenario armed or cleared a system failure.
    case systemFault(SystemFault, active: Bool)
}

/// A station event and the instant it happened.
public struct TimedStationEvent: Hashable, Sendable {
    /// When it happened.
    public var time: SimInstant
    /// What happened.
    public var event: StationEvent

    /// `event` at `time`.
    public init(time: SimInstant, event: StationEvent) {
        self.time = time
        self.event = event
    }
}
