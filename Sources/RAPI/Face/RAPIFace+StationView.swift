import EVSEModel

/// How the controller's state reads on the wire: the values `$GS` and `$AT` carry.
///
/// The `$AT` check runs after every change, so the face and the station are read in place:
/// `mutating` and `inout` only for that (a non-mutating call, or a station passed by value, from
/// mutable storage copies the whole face or station first).
extension RAPIFace {
    /// The EVSE state, pilot, capacity and vflags the controller reports now.
    mutating func snapshot(_ station: inout Station) -> RAPIATNotifier.Snapshot {
        RAPIATNotifier.Snapshot(
            evseState: station.controller.state,
            pilot: pilotCode(&station),
            capacity: UInt8(clamping: station.controller.capacityAmps),
            vflags: reportedVFlags(&station))
    }

    /// The snapshot, or nil while the firmware could not be running its `$AT` check.
    ///
    /// - Without power, and from `$FR` to the end of POST, the controller is resetting or
    ///   blocked (open_evse `Reboot()`, `setup()`).
    /// - Over-temperature and over-current shutdowns hold the pilot at +12 V and wait (5 s, 1 s)
    ///   before entering the fault (open_evse `Update()`); the station passes through B meanwhile.
    /// - Entering C, the update cycle blocks through the GFI self-test and commands the relay
    ///   closed before it ends (`Update()`), so the first `$AT` in C already shows CHARGING_ON
    ///   (`$AT 03 03 32 0540`); the station spends that time in C with the relay not yet
    ///   commanded.
    mutating func reportableSnapshot(_ station: inout Station) -> RAPIATNotifier.Snapshot? {
        guard station.powered, !station.controller.booting else { return nil }
        if inFaultShutdown, !station.controller.state.isFault { return nil }
        if station.controller.state == .c, !station.relay.commandedClosed { return nil }
        return snapshot(&station)
    }

    /// `$GS`/`$AT` pilot code: the debounced pilot, 00 when there is none (boot, faults) and for
    /// E and F (open_evse `Update()`). The station freezes it while sleeping or disabled.
    ///
    /// While booting or boot-locked the update cycle that reads the pilot has not started
    /// (D9 boot lock: `$GS` → `$OK 00 0 00 4200`), although the station already senses the line.
    mutating func pilotCode(_ station: inout Station) -> RAPIPilotCode {
        if station.controller.booting || station.controller.bootLocked { return .unknown }
        return station.controller.pilot.flatMap(RAPIPilotCode.init) ?? .unknown
    }

    /// The station's vflags plus the two the face keeps: TIMER_ON mirrors the delay timer and
    /// MENNEKES_MANUAL the cable-lock mode. Neither is in the `$AT` change mask.
    mutating func reportedVFlags(_ station: inout Station) -> VFlags {
        var flags = station.controller.vflags
        // The timer first: looking the command up in the firmware's table is the dearer test,
        // and this runs after every change.
        if peripherals.delayTimer.isEnabled, hasDelayTimer { flags.insert(.timerOn) }
        if peripherals.mennekesLock.isManual { flags.insert(.mennekesManual) }
        return flags
    }

    /// Whether this build has the delay timer (`$ST`).
    var hasDelayTimer: Bool { RAPICommandTable.availability(of: "ST", in: firmware).isAvailable }

    /// `$G0`: 2 while the pilot is held at −12 V (disabled), else 1 with an EV connected, 0 without.
    func connectionCode(_ station: Station) -> Int {
        if station.pilotSignal == .steadyLow { return 2 }
        return station.controller.vflags.contains(.evConnected) ? 1 : 0
    }

    /// A temperature in 0.1 °C, as the sensors report it.
    func tenths(_ celsius: Double) -> Int { Int((celsius * 10).rounded()) }
}
