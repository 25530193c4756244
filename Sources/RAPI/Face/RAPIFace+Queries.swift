import EVSEModel

/// The G (get) commands (open_evse `processCmd()`, case `G`).
extension RAPIFace {
    mutating func executeGet(_ request: RAPIRequest, station: inout Station) -> RAPICommandResult? {
        let settings = station.settings
        let controller = station.controller
        switch request.command {
        case "G0":
            return ok(request, String(connectionCode(station)))
        case "G5":
            let lock = peripherals.mennekesLock
            let locked = lock.isLocked(
                evConnected: controller.vflags.contains(.evConnected), disabled: controller.state == .disabled)
            return ok(request, "\(locked ? 1 : 0) \(lock.isManual ? "M" : "A")")
        case "GA":
            return ok(request, "\(settings.ammeterScale) \(settings.ammeterOffset)")
        case "GC":
            return ok(request, "6 \(settings.hardwareMaxAmps) \(controller.capacityAmps) \(configuredMax(station))")
        case "GD":
            return ok(request, peripherals.delayTimer.replyText)
        case "GE":
            return ok(request, "\(controller.capacityAmps) \(RAPIFormat.hex4(settings.flags.rawValue))")
        case "GF":
            let counters = [settings.gfiTrips, settings.noGroundTrips, settings.stuckRelayTrips]
            return ok(request, counters.map { RAPIFormat.hex(UInt32(clamping: $0)) }.joined(separator: " "))
        case "GG":
            // mA through the relay (0 while it is open) and the voltage used for energy.
            return ok(request, "\(Int((station.flowingAmps * 1000).rounded())) \(controller.millivolts)")
        case "GI":
            return RAPICommandResult(request.reply(.ok, parameterBytes: RAPIFormat.mcuIDAVR(mcuID)))
        case "GL":
            // D9 relay life estimate: healthy, no thermal data (65535 = n/a), recoveries run.
            return ok(request, "100 0 0 65535 65535 65535 65535 0 \(peripherals.relayRecoveries)")
        case "GN":
            return cableTemperatures(request, station: station)
        case "GO":
            return ok(request, String(peripherals.panicTenthsCelsius))
        case "GP":
            // open_evse case `GP`: the DS3231 (display board) and the MCP9808 (next to the relay),
            // each at its own place; no TMP007 (−2560).
            return ok(
                request, "\(tenths(station.rtcTemperatureCelsius)) \(tenths(station.temperatureCelsius)) -2560")
        case "GR":
            return ok(request, peripherals.relayOutputsEnabled.map { $0 ? "1" : "0" }.joined(separator: " "))
        case "GS":
            let s = snapshot(&station)
            let elapsed = station.sessionElapsed.wholeSeconds
            return ok(
                request,
                "\(RAPIFormat.hex2(s.evseState.rawValue)) \(elapsed) \(RAPIFormat.hex2(s.pilot.rawValue))"
                    + " \(RAPIFormat.hex4(s.vflags.rawValue))")
        case "GT":
            return ok(request, peripherals.clock.replyText(wallTime: station.wallTime, at: station.calendarInstant))
        case "GU":
            return ok(request, "\(Int64(controller.sessionJoules)) \(Int64(settings.lifetimeWh))")
        case "GV":
            return ok(request, "\(firmwareVersion) \(protocolVersion)")
        case "GW":
            // D9 relay wear: contacts hot (closed), last current, close and open times.
            let closing = station.profile.relayCloseDelay.nanoseconds / 1_000_000
            let opening = station.profile.relayOpenDelay.nanoseconds / 1_000_000
            let hot = station.relay.closed ? 1 : 0
            return ok(request, "\(hot) \(peripherals.lastRelayMilliamps) \(closing) \(opening)")
        case "GY":
            return ok(request, heartbeatText(station))
        case "GZ":
            // D9: mains frequency ×100 (measured while powered) and the zero-current threshold.
            let frequency = station.powered ? Int((station.profile.frequencyHz * 100).rounded()) : 0
            return ok(request, "\(frequency) \(peripherals.zeroCurrentThresholdMilliamps)")
        default:
            return nil
        }
    }

    /// `$GC` cmax: the configured max clamped to [6, hardware max], and with D9 PP
    /// auto-ampacity on in B or C, to the cable's rating (open_evse case `GC`).
    func configuredMax(_ station: Station) -> Int {
        var cmax = min(max(station.settings.configuredMaxAmps, 6), station.settings.hardwareMaxAmps)
        let ppAuto = firmware == .d9940 && station.settings.flags.contains(.bit0040)
        if ppAuto, [.b, .c].contains(station.controller.state), let cable = station.profile.cableAmps {
            cmax = min(cmax, cable)
        }
        return cmax
    }

    /// `$GN` (D9 9.4.0): the four cable temperatures in 0.1 °C (−2560 for a sensor that is not
    /// assigned, or with monitoring off), or with an index that sensor's configuration.
    func cableTemperatures(_ request: RAPIRequest, station: Station) -> RAPICommandResult {
        switch request.arguments.count {
        case 0:
            let readings = peripherals.cableSensors.map { sensor in
                guard peripherals.cableTemperatureMonitoring, sensor.pin != 0 else { return -2560 }
                return tenths(station.temperatureCelsius) + Int(sensor.offset)
            }
            return ok(request, readings.map(String.init).joined(separator: " "))
        case 1:
            let index = signedNumber(request, 0)
            guard (0...3).contains(index) else { return refuse(request) }
            return ok(request, peripherals.cableSensors[Int(index)].replyText)
        default:
            return refuse(request)
        }
    }
}
