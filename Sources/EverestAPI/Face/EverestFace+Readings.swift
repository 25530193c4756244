import EVSEModel
import SimCore

/// What the face reads from the station for each publication.
extension EverestFace {
    /// The board's capabilities: the station's phases and hardware maximum, the profile's
    /// minimum current and connector type (an unknown connector type string is published as
    /// a tethered cable). The simulated stations cannot discharge, so export maxima are 0.
    ///
    /// The readers of this extension take the station `inout`, and are static, only so that both
    /// are read in place (see ``liveCountdown(_:flavor:)``).
    public static func capabilities(of station: inout Station) -> HardwareCapabilities {
        let profile = station.profile
        return HardwareCapabilities(
            maxPhaseCountImport: profile.phases, minPhaseCountImport: 1, maxPhaseCountExport: profile.phases,
            minPhaseCountExport: 1, supportsChangingPhasesDuringCharging: profile.phases > 1,
            maxCurrentAImport: Double(station.settings.hardwareMaxAmps),
            minCurrentAImport: profile.everest.minCurrentAmps, maxCurrentAExport: 0, minCurrentAExport: 0,
            connectorType: HardwareCapabilities.ConnectorType(rawValue: profile.everest.connectorType) ?? .type2Cable)
    }

    /// EvseManager's `limits`: the current the charger applies now (after the random delay)
    /// and the phases the energy manager grants (the station's, or fewer after
    /// `set_limit_amps_phases`). The real module's first `limits` has no `uuid`
    /// (EvseManager `evse_managerImpl::init()`); the documented flavour always names the EVSE.
    static func limitsReading(_ station: inout Station, evseID: String, omitUUID: Bool) -> LimitsReading {
        let phases = station.profile.phases
        return LimitsReading(
            uuid: omitUUID ? nil : evseID,
            nrOfPhasesAvailable: max(1, min(phases, station.everest.phaseLimit ?? phases)),
            maxCurrentA: station.offeredAmps)
    }

    /// Board telemetry: the enclosure temperature and the relay; fan and supply rails are the
    /// YetiSimulator's constants, and there is no residual-current sensor (0 mA).
    public static func telemetry(of station: inout Station) -> TelemetryReading {
        TelemetryReading(evseTemperatureC: station.temperatureCelsius, relaisOn: station.relay.closed)
    }

    /// A `powermeter` message from one meter reading: totals and the station's phases as
    /// L1…L3. Our meter has no id, reports no phase sequence and never exports.
    public static func powermeter(_ reading: MeterReading) -> PowermeterReading {
        func phase(_ values: [Double], _ index: Int) -> Double? { index < values.count ? values[index] : nil }
        let phases = reading.voltage.count
        return PowermeterReading(
            timestamp: reading.time,
            energyWhImport: .init(
                total: reading.importedWh, l1: phase(reading.phaseImportedWh, 0), l2: phase(reading.phaseImportedWh, 1),
                l3: phase(reading.phaseImportedWh, 2)),
            powerW: .init(
                total: reading.totalPower, l1: phase(reading.power, 0), l2: phase(reading.power, 1),
                l3: phase(reading.power, 2)),
            voltageV: .init(
                l1: phase(reading.voltage, 0), l2: phase(reading.voltage, 1), l3: phase(reading.voltage, 2)),
            currentA: .init(
                l1: phase(reading.current, 0), l2: phase(reading.current, 1), l3: phase(reading.current, 2)),
            frequencyHz: .init(
                l1: reading.frequency, l2: phases > 1 ? reading.frequency : nil,
                l3: phases > 2 ? reading.frequency : nil))
    }

    /// The random delay's `countdown` as EvseManager's once-a-second enforcement would publish
    /// it now. The station enforces only when something changes, so while a delay runs the
    /// remaining seconds are computed here (`duration_cast<seconds>` truncates, `energyImpl::handle_enforce_limits()`).
    ///
    /// With the feature disabled EvseManager publishes no countdown, and the real module keeps
    /// showing the last one (inferred from `API::init()`): the ``EverestAPIFlavor/everest``
    /// flavour reproduces that (nil: nothing new), the documented flavour feeds a zero
    /// countdown so that `uk_random_delay` disappears.
    ///
    /// The station is `inout` and the function static only so that both are read in place: this
    /// runs every simulated second, and a station (1.8 KB) or face passed by value from mutable
    /// storage is copied at every call.
    static func liveCountdown(_ station: inout Station, flavor: EverestAPIFlavor) -> UKRandomDelayCountdown? {
        let delay = station.everest.randomDelay
        if let end = delay.endsAt {
            let left = Int(max(0, (end - station.now).wholeSeconds))
            return UKRandomDelayCountdown(
                countdownSeconds: left, currentLimitAfterDelayA: station.requestedAmps,
                currentLimitDuringDelayA: delay.heldLimitA, startTime: left > 0 ? delay.startedAt : nil)
        }
        if let countdown = station.everest.countdown { return countdown }
        guard flavor == .documented else { return nil }
        return UKRandomDelayCountdown(
            countdownSeconds: 0, currentLimitAfterDelayA: station.requestedAmps,
            currentLimitDuringDelayA: delay.heldLimitA)
    }
}
