import SimCore

extension Station {
    /// Phases energy flows on: the fewest of station, vehicle and any phase limit.
    @inline(__always)  // read in place by the model's own steps (see ``derivedPhase``)
    public var activePhases: Int {
        let ev = vehicle?.profile.phases ?? vehicleProfile.phases
        return max(1, min(profile.phases, ev, everest.phaseLimit ?? 3))
    }

    /// Per-phase current actually flowing through the relay (A).
    ///
    /// Inlinable: the faces read it from a station in mutable storage after every change, and
    /// a call there copies the whole station (1.8 KB) first.
    @inlinable public var flowingAmps: Double {
        guard powered, relay.closed else { return 0 }
        return vehicle?.currentAmps ?? 0
    }

    /// True (noise-free) voltage on each active phase under the present load.
    func trueVoltage(amps: Double) -> Double { profile.nominalVoltage - amps * profile.lineImpedanceOhm }

    /// True total power (W).
    @inline(__always)  // read in place by the model's own steps (see ``derivedPhase``)
    public var truePower: Double {
        let i = flowingAmps
        return i > 0 ? trueVoltage(amps: i) * i * Double(activePhases) : 0
    }

    /// ``flowingAmps`` and ``activePhases``, read in place for the meter's own steps (`mutating`
    /// only for that): through the computed properties, every read copied the vehicle and its
    /// profile, several times each simulated second.
    private mutating func flowInPlace() -> (amps: Double, phases: Int) {
        let amps = powered && relay.closed ? vehicle?.currentAmps ?? 0 : 0
        let ev = vehicle?.profile.phases ?? vehicleProfile.phases
        return (amps, max(1, min(profile.phases, ev, everest.phaseLimit ?? 3)))
    }

    /// Integrates energy, state of charge and session energy up to `t` at the present currents.
    mutating func advanceClock(to t: SimInstant) {
        guard t > lastIntegration else {
            now = max(now, t)
            return
        }
        let dt = (t - lastIntegration).seconds
        let (i, phases) = flowInPlace()
        if i > 0 {
            let perPhase = trueVoltage(amps: i) * i
            meter.integrate(phases: phases, watts: perPhase, seconds: dt)
            let total = perPhase * Double(phases)
            // The controller counts session energy as its voltage setting (nominal or `$SV`) times
            // the current, not the meter's true voltage (open_evse `EnergyMeter::calcUsage()`).
            controller.sessionJoules += Double(controller.millivolts) / 1000 * i * Double(phases) * dt
            controller.sessionMeterJoules += total * dt
            // In place: copying the vehicle out and back cost more than the rest of this step.
            if let soc = vehicle?.soc, let efficiency = vehicle?.profile.efficiency,
                let kWh = vehicle?.profile.batteryKWh
            {
                vehicle?.soc = min(1, soc + total * efficiency * dt / (kWh * 3.6e6))
            }
        }
        lastIntegration = t
        now = t
    }

    /// The current the EVSE offers before the random delay: capacity, external limit and cable.
    @inline(__always)  // read in place by the model's own steps (see ``derivedPhase``)
    public var requestedAmps: Double {
        var a = Double(controller.capacityAmps)
        if let ext = everest.externalLimitAmps(nominalVoltage: profile.nominalVoltage, phases: activePhases) {
            a = min(a, ext)
        }
        if let cable = profile.cableAmps { a = min(a, Double(cable)) }
        return max(0, a)
    }

    /// The current the pilot offers after the random delay (A).
    @inline(__always)  // read in place by the model's own steps (see ``derivedPhase``)
    public var offeredAmps: Double { everest.heldLimitAmps ?? requestedAmps }

    /// The UK random delay's phase of EvseManager (`energyImpl::handle_enforce_limits()`).
    ///
    /// Waiting for energy (NoEnergy) counts as PrepareCharging, as WaitingForEnergy did before
    /// the 2026.02 restructure: otherwise a limit rising from zero, the very change the
    /// regulation is about, would drop its own delay.
    var delayPhase: UKRandomDelay.ChargerPhase {
        guard powered, vehicle != nil, everest.sessionActive, everest.transaction != .finished, everest.enabled else {
            return .other
        }
        if controller.state == .c, relay.closed { return .charging }
        if controller.state == .b || controller.state == .c { return .prepareCharging }
        return .other
    }

    /// One EvseManager `enforce_limits` run of the random delay.
    mutating func enforceRandomDelay() {
        let wasRunning = everest.randomDelay.isRunning
        let phase = delayPhase
        let sinceReady = readyAt.map { now - $0 } ?? .zero
        var decision = everest.randomDelay.enforce(
            requestedLimitA: requestedAmps, at: now, chargerPhase: phase, timeSinceReady: sinceReady)
        if phase == .other {
            // EvseManager enforces every second: a change while idle starts a delay that its
            // next run drops. Run that next run now, so an idle station's last requested limit
            // is current when an EV arrives (`energyImpl::handle_enforce_limits()`).
            decision = everest.randomDelay.enforce(
                requestedLimitA: requestedAmps, at: now, chargerPhase: phase, timeSinceReady: sinceReady)
        }
        everest.countdown = decision.countdown
        everest.heldLimitAmps = decision.appliedLimitA == requestedAmps ? nil : decision.appliedLimitA
        if let length = decision.startedDelay {
            note(
                .ukDelayStarted(
                    seconds: length.wholeSeconds, heldAmps: decision.appliedLimitA, requestedAmps: requestedAmps))
        }
        if let end = everest.randomDelay.endsAt {
            arm(.randomDelay, at: end)
        } else if wasRunning || decision.startedDelay != nil {
            // The run that finds the delay over still applies the held limit; EvseManager's next
            // run, about a second later, applies the request (`energyImpl::handle_enforce_limits()`).
            note(.ukDelayEnded)
            arm(.randomDelay, after: .seconds(1))
        } else {
            disarm(.randomDelay)
        }
    }

    /// Duty cycle (%) for an offered current, per the profile's PWM mapping; nil below 6 A.
    func dutyPercent(amps: Double) -> Double? {
        guard amps >= 6 else { return nil }
        if profile.pwmMapping == "everest" {
            let pct = DutyCycle.everestPercent(amps: amps)
            return pct >= 100 ? nil : pct
        }
        return DutyCycle.openEVSEPercent(amps: min(Int(amps), 80))
    }

    /// The current an EV reads from the present pilot signal (A).
    @inline(__always)  // read in place by the model's own steps (see ``derivedPhase``)
    public var pilotAmps: Double {
        guard case .pwm(let d) = pilotSignal else { return 0 }
        return DutyCycle.amps(dutyPercent: d)
    }

    /// Re-derives what the EV draws after anything that affects it changed.
    mutating func recomputeCurrent() {
        guard var v = vehicle else {
            disarm(.ramp)
            disarm(.battery)
            updateThermal()
            return
        }
        let desired = desiredCurrent(of: v)
        if desired < v.currentAmps || v.profile.rampAmpsPerSecond <= 0 || v.profile.rampStepAmps <= 0 {
            setVehicleCurrent(&v, desired)
            disarm(.ramp)
        } else if desired > v.currentAmps, !isArmed(.ramp) {
            arm(.ramp, after: rampInterval(v))
        }
        vehicle = v
        scheduleBattery()
        updateThermal()
        checkOverCurrent()
    }

    /// What the EV would draw now: nothing unless the contacts are closed, the pilot reads C or D
    /// and carries a PWM; then the EV's own limits on the offer it reads.
    func desiredCurrent(of v: Vehicle) -> Double {
        let drawing = relay.closed && (linePilot == .c || linePilot == .d) && pilotSignal.isPWM
        return drawing
            ? v.desiredCurrent(offeredAmps: pilotAmps, voltage: profile.nominalVoltage, phases: activePhases) : 0
    }

    func rampInterval(_ v: Vehicle) -> SimDuration {
        SimDuration(seconds: v.profile.rampStepAmps / v.profile.rampAmpsPerSecond)
    }

    /// Sets the EV's current; ramp steps are traced only when the ramp arrives, to keep traces readable.
    mutating func setVehicleCurrent(_ v: inout Vehicle, _ amps: Double, traced: Bool = true) {
        guard amps != v.currentAmps else { return }
        v.currentAmps = amps
        if traced { note(.vehicleCurrent(amps: amps)) }
    }

    mutating func rampStep() {
        guard var v = vehicle else { return }
        let desired = desiredCurrent(of: v)
        let next = min(desired, v.currentAmps + v.profile.rampStepAmps)
        setVehicleCurrent(&v, next, traced: next >= desired)
        vehicle = v
        if desired > v.currentAmps { arm(.ramp, after: rampInterval(v)) }
        scheduleBattery()
        updateThermal()
        checkOverCurrent()
    }

    /// Schedules the instant the battery reaches its next curve breakpoint or the target SoC.
    mutating func scheduleBattery() {
        guard let v = vehicle, truePower > 0, v.soc < v.targetSoc else {
            disarm(.battery)
            return
        }
        var level = v.targetSoc
        if let next = v.profile.curveLimit(at: v.soc).nextBreakpoint, next < level { level = next }
        let rate = truePower * v.profile.efficiency
        arm(.battery, after: SimDuration(seconds: v.joulesTo(soc: level) / rate))
    }

    mutating func batteryThreshold() {
        guard var v = vehicle else { return }
        // Snap to the level the event was computed for, so rounding can never leave a sliver
        // of charge that schedules another event a nanosecond later.
        var level = v.targetSoc
        if let next = v.profile.curveLimit(at: v.soc).nextBreakpoint, next < level { level = next }
        if abs(v.soc - level) < 1e-6 { v.soc = level }
        vehicle = v
        note(.vehicleSoc(v.soc))
        if !v.wantsCharge { note(.vehicleFull(soc: v.soc)) }
        recomputeCurrent()
        evaluateVehicle()
    }

    /// Reading of the meter at ``now`` with seeded noise on voltage and current.
    public mutating func meterReading() -> MeterReading {
        let phases = profile.phases
        var volts: [Double] = []
        var amps: [Double] = []
        var watts: [Double] = []
        volts.reserveCapacity(phases)
        amps.reserveCapacity(phases)
        watts.reserveCapacity(phases)
        let f = drawMeter { v, a in
            volts.append(v)
            amps.append(a)
            watts.append(v * a)
        }
        return MeterReading(
            time: now, voltage: volts, current: amps, power: watts, totalPower: watts.reduce(0, +),
            frequency: f, importedWh: meter.importedWh,
            phaseImportedWh: meter.phaseImportedWh(phases: phases))
    }

    /// The imported energy and total power of ``meterReading()``, drawing the same noise (so
    /// the seeded streams stay in step) without building the per-phase arrays: what the 1 Hz
    /// sampling of a run that encodes no payload needs, every simulated second.
    public mutating func meterTotals() -> (importedWh: Double, totalPower: Double) {
        var total = 0.0
        _ = drawMeter { v, a in total += v * a }
        return (meter.importedWh, total)
    }

    /// Draws a meter reading's noise: `phase` gets each phase's voltage and current in order;
    /// returns the frequency.
    private mutating func drawMeter(_ phase: (Double, Double) -> Void) -> Double {
        let (i, active) = flowInPlace()
        for p in 0..<profile.phases {
            let n = 1 + profile.meterNoise * noise.nextSigned()
            let carrying = i > 0 && p < active
            let v = (powered ? trueVoltage(amps: carrying ? i : 0) : 0) * n
            let a = carrying ? i * (1 + profile.meterNoise * noise.nextSigned()) : 0
            phase(v, a)
        }
        return powered ? profile.frequencyHz * (1 + profile.meterNoise / 4 * noise.nextSigned()) : 0
    }
}
