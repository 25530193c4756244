import SimCore

/// One simulated charging station with the EV plugged into it.
///
/// The station is the single place where behaviour is decided: the physical world (pilot line,
/// relay, vehicle, meter, enclosure temperature), the OpenEVSE controller that runs it
/// (open_evse `J1772EvseController.cpp`), and the EVerest view of the same session (everest-core
/// API module and EvseManager). Protocol faces translate their wire formats into calls on it and read its state.
///
/// It is a value type that owns its own future-event list: ``run(until:)`` processes every
/// event due up to an instant; actions and commands take effect at ``now``. It never reads the
/// wall clock and draws randomness only from streams derived from its seed.
public struct Station: Sendable {
    /// The station profile in force.
    public var profile: StationProfile { _read { yield sharedProfile.value } }
    /// The EV that ``plug()`` connects.
    public internal(set) var vehicleProfile: VehicleProfile {
        _read { yield sharedVehicleProfile.value }
        set { sharedVehicleProfile = Self.vehicleProfiles.share(newValue) }
    }
    /// Where ``profile`` lives: one copy for every station of a fleet made from it.
    let sharedProfile: SharedValue<StationProfile>
    /// Where ``vehicleProfile`` lives (shared like the station profile; a change makes a new box).
    var sharedVehicleProfile: SharedValue<VehicleProfile>
    /// The boxes stations built one after the other share (see ``SharingSlot``).
    static let profiles = SharingSlot<StationProfile>()
    static let vehicleProfiles = SharingSlot<VehicleProfile>()
    /// Maps sim instants to calendar time.
    public let wallTime: WallTime
    /// The present instant.
    public internal(set) var now: SimInstant = .zero

    var queue = EventQueue<StationTimer>()
    var armed: [StationTimer: EventID] = [:]
    var noise: RandomStream

    // The physical world.
    public internal(set) var vehicle: Vehicle?
    public internal(set) var powered = true
    public internal(set) var relay = Relay()
    public internal(set) var meter = PowerMeter()
    /// The MCP9808 sensor next to the relay (the enclosure temperature).
    public internal(set) var thermal: ThermalModel
    /// The DS3231 real-time clock's sensor, away from the relay.
    public internal(set) var rtcThermal: ThermalModel
    public internal(set) var ambientCelsius: Double
    /// A forced sensor reading (the `overTemperature` fault), overriding the thermal model.
    var forcedCelsius: Double?
    public internal(set) var faults: Set<StationFaultKind> = []
    public internal(set) var pilotSignal: PilotSignal = .off
    var lastIntegration: SimInstant = .zero
    var debounceCandidate: PilotState?
    var relayClosedAt: SimInstant?

    // The controller.
    public internal(set) var settings: ControllerSettings
    public internal(set) var controller: ControllerState
    var pendingShutdown: EvseState?
    var readyAt: SimInstant?

    // The EVerest side.
    public internal(set) var everest: EverestSide

    /// The station's own system (firmware, logs, reset, clock, boot reason).
    public internal(set) var system = SystemState()

    /// What happened since the last ``drainEvents()``.
    public internal(set) var events: [TimedStationEvent] = []

    /// A station of `profile` with `vehicle` ready to plug in, powered up at instant zero.
    ///
    /// - Parameters:
    ///   - seed: the master seed; `name` keeps stations of a fleet apart.
    ///   - startsBooted: skip the boot sequence (the usual case for scenarios); when false the
    ///     controller boots as after a power-up, which the RAPI face shows as `$AT`/`$AB`.
    public init(
        profile: StationProfile, vehicle: VehicleProfile, wallTime: WallTime = .defaultStart,
        seed: UInt64, name: String = "station", startsBooted: Bool = true
    ) {
        sharedProfile = Self.profiles.share(profile)
        sharedVehicleProfile = Self.vehicleProfiles.share(vehicle)
        self.wallTime = wallTime
        let root = RandomStream(seed: seed, name: name)
        noise = root.derived("meter")
        ambientCelsius = profile.ambientCelsius
        let sensors = profile.temperatureSensors
        thermal = ThermalModel(
            ambient: profile.ambientCelsius + sensors.mcp9808.offsetCelsius,
            tau: sensors.mcp9808.timeConstant ?? profile.thermalTimeConstant)
        rtcThermal = ThermalModel(
            ambient: profile.ambientCelsius + sensors.ds3231.offsetCelsius,
            tau: sensors.ds3231.timeConstant ?? profile.thermalTimeConstant)
        settings = ControllerSettings(profile: profile)
        controller = ControllerState(settings: settings, profile: profile)
        everest = EverestSide(profile: profile, random: root.derived("everest"))
        if startsBooted {
            completeBoot(quiet: true)
        } else {
            powerUp()
        }
    }

    /// The instant of the next internal event, if any.
    public var nextEventTime: SimInstant? { mutating get { queue.nextTime } }

    /// Processes every event due at or before `t`, then moves ``now`` to `t`.
    public mutating func run(until t: SimInstant) {
        while step(notAfter: t) != nil {}
        advanceClock(to: max(t, now))
    }

    /// Processes exactly one pending event if it is due at or before `t`; returns its time.
    @discardableResult
    public mutating func step(notAfter t: SimInstant = .distantFuture) -> SimInstant? {
        guard let next = queue.popNext(notAfter: t) else { return nil }
        advanceClock(to: next.time)
        if armed[next.event] == next.id { armed[next.event] = nil }
        fire(next.event)
        afterChange()
        return next.time
    }

    /// Hands over the events since the last call, in order. A driver hands the same list to
    /// every face (and to the trace) before it drains again.
    public mutating func drainEvents() -> [TimedStationEvent] {
        // Handed over whole, not emptied in place: the caller holds the buffer, so keeping its
        // capacity allocated a second one of that size at every drain, and every station kept
        // one for good (a fleet's stations are idle between events).
        var drained: [TimedStationEvent] = []
        swap(&drained, &events)
        return drained
    }

    // MARK: - Timers

    mutating func arm(_ timer: StationTimer, at t: SimInstant) {
        if let old = armed[timer] { queue.cancel(old) }
        armed[timer] = queue.schedule(timer, at: max(t, now))
    }

    mutating func arm(_ timer: StationTimer, after d: SimDuration) { arm(timer, at: now + d) }

    mutating func disarm(_ timer: StationTimer) {
        if let old = armed.removeValue(forKey: timer) { queue.cancel(old) }
    }

    func isArmed(_ timer: StationTimer) -> Bool { armed[timer] != nil }

    mutating func note(_ event: StationEvent) {
        events.append(TimedStationEvent(time: now, event: event))
    }

    mutating func fire(_ timer: StationTimer) {
        switch timer {
        case .debounce: debounceExpired()
        case .pilotDecay: if controller.state.isFault { controller.pilot = nil }
        case .vehicleResponse: vehicleResponds()
        case .relayMove: relayMoved()
        case .gfiSelfTest: gfiSelfTestDone()
        case .ramp: rampStep()
        case .battery: batteryThreshold()
        case .thermal: thermalThreshold()
        case .faultRetry: retryFault()
        case .groundCheck: checkGround()
        case .stuckRelayCheck: checkStuckRelay()
        case .heartbeat: heartbeatExpired()
        case .overCurrent: overCurrentPersisted()
        case .faultShutdown: completeFaultShutdown()
        case .randomDelay: refreshPilot(reenforce: true)
        case .boot:
            completeBoot(quiet: false)
            systemBooted()
        case .reboot: powerUp()
        case .powerRestore: restorePower()
        case .firmware: firmwareTimer()
        case .logUpload: logUploadTimer()
        case .authTimeout: authorizationTimedOut()
        }
    }

    /// Runs after every event, action and command: derived views catch up with the model.
    mutating func afterChange() {
        syncEverestSession()
        if system.pendingReset != nil { runPendingReset() }
    }
}
