import SimCore

/// Operations the protocol faces translate their commands into. Each takes effect at ``now``.
extension Station {
    /// How `$SC` sets the current (open_evse `processCmd()`, case `SC`).
    public enum CapacityMode: String, Hashable, Sendable {
        /// Saved to EEPROM as the configured max (`$SC n`).
        case persistent
        /// Until reboot, bounded by the configured max (`$SC n V`).
        case volatile
        /// Lowers the hardware max once (`$SC n M`).
        case hardwareMax
    }

    /// Sets the current capacity; returns whether it was accepted as asked and the resulting amps.
    @discardableResult
    public mutating func setCurrentCapacity(_ amps: Int, mode: CapacityMode) -> (accepted: Bool, amps: Int) {
        defer { afterChange() }
        switch mode {
        case .hardwareMax:
            let l2Max = profile.hardwareMaxAmps
            guard !settings.hardwareMaxWritten, (6...l2Max).contains(amps) else {
                return (false, settings.hardwareMaxAmps)
            }
            settings.hardwareMaxWritten = true
            settings.hardwareMaxAmps = amps
            settings.configuredMaxAmps = min(settings.configuredMaxAmps, amps)
            if controller.capacityAmps > amps { setCapacity(amps) }
            return (true, amps)
        case .persistent, .volatile:
            let bound = mode == .persistent ? settings.hardwareMaxAmps : settings.configuredMaxAmps
            // open_evse `processCmd()`, case `SC`: while throttled, the current cannot be raised.
            if controller.throttleStage > 0, amps > controller.capacityAmps { return (false, controller.capacityAmps) }
            let clamped = min(max(amps, 6), bound)
            if mode == .persistent { settings.configuredMaxAmps = clamped }
            setCapacity(clamped)
            return (clamped == amps, clamped)
        }
    }

    /// `$FE`: leaves sleep or disable; otherwise does nothing.
    public mutating func enable() {
        guard controller.sleeping || controller.rapiDisabled else { return }
        controller.sleeping = false
        controller.rapiDisabled = false
        resumeNormalCycle()
        afterChange()
    }

    /// `$FD`: pilot −12 V, relay open at once.
    public mutating func disable() {
        guard !controller.rapiDisabled else { return }
        controller.rapiDisabled = true
        enterDisabled()
        afterChange()
    }

    /// `$FS`: pilot +12 V without PWM; the relay opens once the EV stops drawing.
    public mutating func sleep() {
        guard !controller.sleeping, !controller.state.isFault else { return }
        controller.sleeping = true
        controller.rapiDisabled = false
        setState(.sleeping)
        refreshPilot()
        openRelay()
        trackConnection()
        afterChange()
    }

    mutating func enterDisabled() {
        openRelay()
        disarm(.debounce)
        setState(.disabled)
        refreshPilot()
    }

    /// Back to state 00 and normal detection (A within 25 ms, B/C after 250 ms).
    mutating func resumeNormalCycle() {
        guard !effectiveDisabled, !controller.sleeping else { return }
        setState(.unknown)
        controller.pilot = nil
        refreshPilot()
        pilotLineChanged()
    }

    /// `$FR`: no reply; the pilot goes to +12 V, the relay opens (3 s wait if it was closed), then
    /// the watchdog resets the controller about 1.5 s later (open_evse `J1772EVSEController::Reboot()`).
    /// - Parameter reason: the boot reason the system API reports afterwards (`$FR` is a local
    ///   reset; a controller that hangs and is reset by its watchdog is `watchdog`).
    public mutating func reboot(reason: BootReason = .localReset) {
        let wasClosed = relay.closed
        pendingShutdown = nil
        controller.booting = true
        refreshPilot()
        openRelay()
        note(.controllerReboot)
        if system.nextBootReason == nil { system.nextBootReason = reason }
        arm(.reboot, after: (wasClosed ? .seconds(3) : .zero) + .milliseconds(1500))
        afterChange()
    }

    /// `$SB`: clears the D9 boot lock; false when refused because of a fault.
    public mutating func clearBootLock() -> Bool {
        guard !controller.state.isFault else { return false }
        if controller.bootLocked {
            controller.bootLocked = false
            controller.vflags.remove(.bootLock)
            resumeNormalCycle()
            afterChange()
        }
        return true
    }

    // MARK: Heartbeat (open_evse `HeartbeatSupervision()` and `Hs*()`)

    /// `$SY i c`: sets supervision, resets the trigger, restarts the timer. False if a needed
    /// restore of the current failed.
    public mutating func setHeartbeat(interval: Int, current: Int) -> Bool {
        var ok = true
        if interval == 0, controller.heartbeatTrigger != 0 { ok = restoreAfterHeartbeat() }
        settings.heartbeatInterval = interval
        settings.heartbeatCurrent = current
        controller.heartbeatTrigger = 0
        controller.lastPulse = now
        armHeartbeat()
        afterChange()
        return ok
    }

    /// `$SY`: a pulse. False when a miss is still unacknowledged (the reply is `$NK … 2`).
    public mutating func heartbeatPulse() -> Bool {
        controller.lastPulse = now
        armHeartbeat()
        return controller.heartbeatTrigger != 2
    }

    /// `$SY 165`: acknowledges a miss and restores the configured max (not the previous current).
    public mutating func heartbeatAcknowledge() -> Bool {
        guard controller.heartbeatTrigger == 2 else { return true }
        guard restoreAfterHeartbeat() else { return false }
        controller.heartbeatTrigger = 1
        afterChange()
        return true
    }

    mutating func restoreAfterHeartbeat() -> Bool {
        if controller.throttleStage > 0 { return false }
        setCapacity(settings.configuredMaxAmps)
        return true
    }

    // MARK: Settings

    /// `$SV`: voltage for energy calculations until reboot.
    public mutating func setMillivolts(_ mv: Int) { controller.millivolts = mv }
    /// `$SK`: sets the lifetime energy.
    public mutating func setLifetimeEnergy(wh: Double) { settings.lifetimeWh = wh }
    /// `$SA`: ammeter scale and offset.
    public mutating func setAmmeter(scale: Int, offset: Int) {
        settings.ammeterScale = scale
        settings.ammeterOffset = offset
    }
    /// `$FF`: sets or clears a feature flag.
    public mutating func setFlag(_ flag: ECFlags, disabled: Bool) {
        if disabled { settings.flags.insert(flag) } else { settings.flags.remove(flag) }
    }

    // MARK: EVerest commands (README, "EVerest API face")

    /// External limit from `set_limit_amps` (nil clears it).
    public mutating func setExternalLimit(amps: Double?, watts: Double? = nil, phases: Int? = nil) {
        everest.limitAmps = amps
        everest.limitWatts = watts
        if let phases { everest.phaseLimit = phases }
        note(.externalLimit(amps: everest.limitAmps, watts: everest.limitWatts, phases: everest.phaseLimit))
        refreshPilot()
        recomputeCurrent()
        afterChange()
    }

    /// `pause_charging` (only while a transaction is active).
    public mutating func pauseCharging() {
        guard everest.transaction == .active else { return }
        setPause(.userPause, true)
    }

    /// `resume_charging`.
    public mutating func resumeCharging() {
        guard everest.transaction == .active else { return }
        setPause(.userPause, false)
    }

    mutating func setPause(_ reason: EverestPauseReason, _ on: Bool) {
        if on { everest.pauseReasons.insert(reason) } else { everest.pauseReasons.remove(reason) }
        refreshPilot()
        afterChange()
    }

    /// `stop_charging` / `force_unlock`: ends the transaction and withdraws the token
    /// (`Charger::cancel_transaction()`); charging stays off until unplug.
    public mutating func stopTransaction(reason: EverestStopReason = .local) {
        guard everest.transaction == .active else { return }
        everest.transaction = .finished
        everest.authorized = false
        everest.stopReason = reason
        refreshPilot()
        afterChange()
    }

    /// A token is accepted for the session waiting in AuthRequired (the Auth module's
    /// `authorize_response`, `Charger::authorize()`): Authorized, then TransactionStarted and the
    /// PWM. No effect when no session waits, when it has its token, or after PluginTimeout (the
    /// Auth module no longer offers that plug-in a token). Returns whether it was accepted.
    @discardableResult
    public mutating func authorize() -> Bool {
        guard powered, everest.sessionActive, !everest.authorized, !everest.authorizationTimedOut,
            everest.transaction == .none, everest.phase == .waitingForAuth
        else { return false }
        disarm(.authTimeout)
        emit(.authorized)
        everest.authorized = true
        refreshPilot()
        afterChange()
        return true
    }

    /// Reserves the EVSE (OCPP ReserveNow through the Auth module, `EvseManager::reserve()`):
    /// ReservationStart. Refused while disabled, with a fatal error or outside Idle (a session
    /// open). A second reservation is taken as the same one, with no new event. Returns whether
    /// the EVSE is reserved.
    @discardableResult
    public mutating func reserve() -> Bool {
        guard powered, everest.enabled, !everest.errors.isInoperative, everest.phase == .idle, !everest.sessionActive
        else { return false }
        guard !everest.reserved else { return true }
        everest.reserved = true
        emit(.reservationStart)
        afterChange()
        return true
    }

    /// Ends a reservation (CancelReservation, or its expiry in the Auth module;
    /// `EvseManager::cancel_reservation()`): ReservationEnd. Nothing without one.
    public mutating func cancelReservation() {
        guard everest.reserved else { return }
        everest.reserved = false
        emit(.reservationEnd)
        afterChange()
    }

    /// `enable_disable`: records the source's row in the priority table (`Charger::enable_disable()`)
    /// and applies the effective result. Returns the resulting enabled state.
    @discardableResult
    public mutating func enableDisable(_ row: EnableDisableRow, connectorID: Int = 0) -> Bool {
        let was = everest.enabled
        let outcome = everest.table.apply(row, connectorID: connectorID)
        let enabled = everest.enabled
        note(.enableDisable(row, enabled: enabled))
        if let event = outcome.event { emit(event) }
        if enabled != was {
            if enabled { resumeNormalCycle() } else { enterDisabled() }
        }
        afterChange()
        return enabled
    }

    /// UK random delay commands (`uk_random_delay enable|disable|cancel`).
    public mutating func ukRandomDelay(_ command: UKRandomDelayCommand) {
        switch command {
        case .enable: everest.randomDelay.enable()
        case .disable: everest.randomDelay.disable()
        case .cancel: everest.randomDelay.cancel()
        }
        note(.ukDelayCommand(command))
        refreshPilot(reenforce: true)
        afterChange()
    }

    /// `uk_random_delay_set_max_duration_s`.
    public mutating func setRandomDelayMax(seconds: Int) {
        everest.randomDelay.setMaxDuration(seconds: seconds)
        note(.ukDelayMax(seconds: seconds))
    }

    /// `everest_api/ocpp/var/connection_status` value.
    public mutating func setOCPPStatus(_ status: OCPPStatus) {
        everest.ocppStatus = status
        note(.ocppStatus(status))
    }
}

extension Station {
    /// Replaces the whole external limit, phase count included (nil clears each part).
    ///
    /// Each `set_limit_*` command sends EVerest's energy sink a new schedule entry that replaces
    /// the previous one (everest-core `API::ready()`): a `set_limit_amps` after
    /// `set_limit_amps_phases` lifts the phase restriction, which ``setExternalLimit(amps:watts:phases:)``
    /// (nil phases = keep) does not.
    public mutating func replaceExternalLimit(amps: Double?, watts: Double?, phases: Int?) {
        everest.phaseLimit = phases
        setExternalLimit(amps: amps, watts: watts, phases: phases)
    }
}

// MARK: - RAPI face additions (README, "RAPI face")

extension Station {
    /// `$SL 1|2`: chooses the service level, saved with the flags, and switches auto-detection
    /// off; the voltage reported for energy goes back to nominal (120 V on L1) and the pilot current
    /// to the configured max (open_evse `SetSvcLevel()`). L1's own current limits (12 A default, 24 A
    /// max) are not modelled: the configured and hardware max stay those of the profile.
    public mutating func setServiceLevel(level2: Bool) {
        if level2 { settings.flags.insert(.level2) } else { settings.flags.remove(.level2) }
        settings.flags.insert(.autoServiceLevelDisabled)
        controller.millivolts = level2 ? profile.nominalMillivolts : 120_000
        note(.serviceLevel(level2 ? 2 : 1))
        setCapacity(settings.configuredMaxAmps)
        afterChange()
    }

    /// `$FC` (D9): zeroes the GFI, no-ground and stuck-relay trip counters.
    public mutating func resetFaultCounters() {
        settings.gfiTrips = 0
        settings.noGroundTrips = 0
        settings.stuckRelayTrips = 0
        note(.countersReset)
    }

    /// `$FK` (D9 9.3+): the stuck-relay recovery, which cycles the relay to free welded contacts.
    ///
    /// Refused (false) while an EV is connected. Otherwise it ends a stuck-relay fault when the
    /// contacts are free again (the `stuckRelay` fault cleared), back to state 00 and normal
    /// detection; still-welded contacts leave the fault in place. The relay cycling itself (up to
    /// ~30 s on the real controller) takes no simulated time.
    public mutating func recoverStuckRelay() -> Bool {
        guard vehicle == nil else { return false }
        note(.relayRecovery(welded: relay.welded))
        guard controller.state == .stuckRelay, !relay.welded, !relay.closed else { return true }
        controller.vflags.remove(.hardFault)
        controller.faultRetries = 0
        setState(.unknown)
        controller.pilot = nil
        refreshPilot()
        pilotLineChanged()
        afterChange()
        return true
    }
}
