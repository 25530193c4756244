import SimCore

/// Fault handling of the OpenEVSE controller (open_evse `J1772EVSEController::Update()`, `HardFault()`).
extension Station {
    /// Enters a fault state: relay open, pilot steady +12 V.
    mutating func enterFault(_ state: EvseState, hard: Bool) {
        openRelay()
        disarm(.debounce)
        debounceCandidate = nil
        // open_evse `Update()`: during a fault the pilot state decays to 00 after 250 ms.
        arm(.pilotDecay, after: .milliseconds(250))
        setState(state)
        if hard { controller.vflags.insert(.hardFault) }
        note(.faultEntered(state, hard: hard))
        refreshPilot()
        pilotLineChanged()
    }

    /// GFI trip: counted, retried every 5 minutes, hard after the retries are used up.
    mutating func tripGFI() {
        ControllerSettings.bump(&settings.gfiTrips)
        controller.vflags.insert(.gfiTripped)
        retryableFault(.gfciFault)
    }

    mutating func retryableFault(_ state: EvseState) {
        let exhausted = controller.faultRetries >= profile.faultRetryCount
        enterFault(state, hard: exhausted)
        if exhausted {
            disarm(.faultRetry)
        } else {
            arm(.faultRetry, after: profile.faultRetryInterval)
        }
    }

    mutating func retryFault() {
        guard controller.state == .gfciFault || controller.state == .noGround, vehicle != nil else { return }
        controller.faultRetries += 1
        note(.faultRetry(attempt: controller.faultRetries))
        setState(.unknown)
        controller.pilot = nil
        pilotLineChanged()
    }

    /// open_evse `Update()`, GROUND_CHK_DELAY: checked once the relay has been closed for a second.
    mutating func checkGround() {
        guard relay.closed, faults.contains(.groundLoss), !settings.flags.contains(.groundCheckDisabled) else { return }
        ControllerSettings.bump(&settings.noGroundTrips)
        retryableFault(.noGround)
    }

    /// open_evse `Update()`, STUCK_RELAY_DELAY: AC still sensed a second after opening; never clears.
    mutating func checkStuckRelay() {
        guard relay.closed, !relay.commandedClosed, controller.state != .stuckRelay else { return }
        ControllerSettings.bump(&settings.stuckRelayTrips)
        enterFault(.stuckRelay, hard: true)
    }

    // MARK: Over-current (open_evse OVERCURRENT_THRESHOLD)

    mutating func checkOverCurrent() {
        guard profile.overCurrentCheck, !settings.flags.contains(.overCurrentDisabled), controller.state == .c,
            flowingAmps >= Double(controller.capacityAmps) + 5
        else {
            disarm(.overCurrent)
            return
        }
        if !isArmed(.overCurrent) { arm(.overCurrent, after: .seconds(10)) }
    }

    mutating func overCurrentPersisted() { beginFaultShutdown(.overCurrent, wait: .seconds(1)) }

    /// Over-temperature and over-current stop the PWM, wait (blocking on real hardware), then open
    /// the relay and enter the fault.
    mutating func beginFaultShutdown(_ state: EvseState, wait: SimDuration) {
        guard pendingShutdown == nil else { return }
        pendingShutdown = state
        note(.faultShutdown(state))
        refreshPilot()
        arm(.faultShutdown, after: wait)
    }

    mutating func completeFaultShutdown() {
        guard let state = pendingShutdown else { return }
        pendingShutdown = nil
        enterFault(state, hard: true)
    }

    // MARK: Temperature (open_evse TEMPERATURE_MONITORING)

    /// The MCP9808's reading now (°C): the enclosure temperature.
    public var temperatureCelsius: Double { forcedCelsius ?? thermal.celsius(at: now) }

    /// The DS3231's reading now (°C).
    public var rtcTemperatureCelsius: Double { forcedCelsius ?? rtcThermal.celsius(at: now) }

    /// The hottest ambient sensor: any sensor reaching a level acts, and a restore needs all of
    /// them back (open_evse `Update()`, TEMPERATURE_MONITORING).
    var controllingCelsius: Double { max(temperatureCelsius, rtcTemperatureCelsius) }

    mutating func updateThermal() {
        let i = flowingAmps
        let equilibrium = ambientCelsius + profile.selfHeatingCelsiusPerAmpSquared * i * i
        let sensors = profile.temperatureSensors
        thermal.update(at: now, equilibrium: equilibrium + sensors.mcp9808.offsetCelsius)
        rtcThermal.update(at: now, equilibrium: equilibrium + sensors.ds3231.offsetCelsius)
        scheduleThermal()
    }

    /// Arms the thermal timer at the next threshold crossing that matters in this stage.
    mutating func scheduleThermal() {
        // A hard fault does no state updates (open_evse `HardFault()`): no throttle changes.
        guard forcedCelsius == nil, !settings.flags.contains(.temperatureCheckDisabled), powered,
            !controller.vflags.contains(.hardFault)
        else {
            disarm(.thermal)
            return
        }
        var levels: [Double] = []
        let t = max(thermal.celsius(at: now), rtcThermal.celsius(at: now))
        if !controller.state.isFault, pendingShutdown == nil { levels.append(profile.panicCelsius) }
        // open_evse `Update()`: throttling up is checked only in state C; restoring always.
        let charging = controller.state == .c
        switch controller.throttleStage {
        case 0: if charging { levels.append(profile.throttleCelsius) }
        case 1: levels += charging ? [profile.restoreCelsius, profile.shutdownStageCelsius] : [profile.restoreCelsius]
        default: levels.append(profile.shutdownRestoreCelsius)
        }
        let next = levels.compactMap { level -> SimInstant? in
            // A level already passed in the direction the stage watches is acted on at once.
            let rising = isRising(level)
            if rising, t >= level { return now }
            if !rising, t <= level { return now }
            // The first sensor to cross: for a rising level that acts; for a falling one the
            // check runs again then, until the last sensor is back.
            return [thermal, rtcThermal].compactMap { sensor -> SimInstant? in
                let reading = sensor.celsius(at: now)
                guard rising ? reading < level : reading > level else { return nil }
                return sensor.crossing(of: level, after: now)
            }.min()
        }.min()
        if let next { arm(.thermal, at: next) } else { disarm(.thermal) }
    }

    func isRising(_ level: Double) -> Bool {
        switch controller.throttleStage {
        case 0: true
        case 1: level != profile.restoreCelsius
        default: level == profile.panicCelsius
        }
    }

    mutating func thermalThreshold() { applyTemperature(controllingCelsius) }

    mutating func applyTemperature(_ t: Double) {
        guard !controller.vflags.contains(.hardFault) else { return }
        let cmax = settings.configuredMaxAmps
        if t >= profile.panicCelsius, !controller.state.isFault, pendingShutdown == nil {
            note(.thermalPanic(celsius: t))
            beginFaultShutdown(.overTemperature, wait: .seconds(5))
        } else {
            switch controller.throttleStage {
            case 0 where t >= profile.throttleCelsius && controller.state == .c:
                setThrottle(1, capacity: cmax / 2, t)
            case 1 where t >= profile.shutdownStageCelsius:
                setThrottle(2, capacity: max(cmax / 4, 6), t)
            case 1 where t <= profile.restoreCelsius:
                setThrottle(0, capacity: cmax, t)
            case 2 where t <= profile.shutdownRestoreCelsius:
                setThrottle(1, capacity: cmax / 2, t)
            default: break
            }
        }
        scheduleThermal()
    }

    mutating func setThrottle(_ stage: Int, capacity: Int, _ t: Double) {
        controller.throttleStage = stage
        note(.thermalStage(stage, celsius: t))
        setCapacity(max(capacity, 6))
    }

    /// Sets the live current capacity and re-drives the pilot.
    mutating func setCapacity(_ amps: Int) {
        guard amps != controller.capacityAmps else { return }
        controller.capacityAmps = amps
        note(.capacity(amps: amps))
        refreshPilot()
        checkOverCurrent()
    }

    // MARK: Heartbeat supervision (open_evse `HsExpirationCheck()`)

    mutating func heartbeatExpired() {
        guard settings.heartbeatInterval > 0, powered else { return }
        let fallback = max(settings.heartbeatCurrent, 6)
        note(.heartbeatMissed(fallbackAmps: fallback))
        if settings.heartbeatCurrent < controller.capacityAmps { setCapacity(fallback) }
        controller.heartbeatTrigger = 2
        armHeartbeat()
    }

    /// "No pulse for more than the interval": fires just after the interval has fully elapsed.
    mutating func armHeartbeat() {
        guard settings.heartbeatInterval > 0 else {
            disarm(.heartbeat)
            return
        }
        arm(.heartbeat, after: .seconds(Int64(settings.heartbeatInterval)) + .milliseconds(1))
    }

    // MARK: Power and boot (open_evse `setup()`, `J1772EVSEController::Init()`)

    /// Power returns (or the watchdog resets the controller): volatile state is lost, EEPROM
    /// settings survive, and the boot sequence runs.
    mutating func powerUp() {
        powered = true
        controller = ControllerState(settings: settings, profile: profile)
        controller.booting = true
        controller.pilot = nil
        pendingShutdown = nil
        readyAt = nil
        for t in [
            StationTimer.debounce, .gfiSelfTest, .faultRetry, .groundCheck, .heartbeat, .overCurrent, .faultShutdown,
        ] {
            disarm(t)
        }
        relay.commandedClosed = false
        if relay.closed, !relay.welded {
            relay.closed = false
            note(.relay(closed: false))
        }
        note(.bootStarted(firmwareVersion: runningFirmwareVersion))
        noteBootReason()
        refreshPilot()
        recomputeCurrent()
        arm(.boot, after: profile.bootDuration)
    }

    /// POST done: `$AB` with the post code, then the normal cycle (or the D9 boot lock).
    mutating func completeBoot(quiet: Bool) {
        powered = true
        controller.booting = false
        // A scenario's station has been running long before instant zero: no start-up delay.
        readyAt = quiet ? now - .hours(1) : now
        lastIntegration = now
        var postcode: EvseState = .unknown
        if relay.welded, relay.closed, !settings.flags.contains(.stuckRelayCheckDisabled) {
            postcode = .stuckRelay
        } else if faults.contains(.gfiSelfTest), !settings.flags.contains(.gfiTestDisabled) {
            postcode = .gfiTestFailed
        } else if faults.contains(.groundLoss), vehicle == nil, !settings.flags.contains(.groundCheckDisabled) {
            postcode = .noGround
        }
        if !quiet { note(.bootCompleted(postCode: postcode)) }
        if postcode != .unknown {
            setState(postcode)
            controller.vflags.insert(.hardFault)
            refreshPilot()
            return
        }
        if profile.bootLock, !settings.flags.contains(.bootLockDisabled) {
            controller.bootLocked = true
            controller.vflags.insert(.bootLock)
        }
        armHeartbeat()
        closeSessionAfterPowerLoss()
        everest.table = EnableDisableTable()
        emit(everest.table.startUp())
        refreshPilot()
        updateThermal()
        if quiet {
            // A scenario's station has long settled: start in the state the pilot shows.
            controller.pilot = linePilot
            evaluateState()
        } else {
            pilotLineChanged()
        }
    }

    mutating func restorePower() {
        guard !powered else { return }
        note(.powerRestored)
        powerUp()
    }
}
