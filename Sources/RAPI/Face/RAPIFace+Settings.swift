import EVSEModel

/// The S (set) commands (open_evse `processCmd()`, case `S`).
extension RAPIFace {
    mutating func executeSet(_ request: RAPIRequest, station: inout Station) -> RAPICommandResult? {
        let count = request.arguments.count
        switch request.command {
        case "S0":
            // LCD type: 0 mono (ECF 0x0100 set), 1 RGB.
            guard count == 1 else { return refuse(request) }
            station.setFlag(.monoLCD, disabled: number(request, 0) == 0)
            return answer(request, ok: true)
        case "S1":
            guard count == 6 else { return refuse(request) }
            let f = (0..<6).map { Int(byte(request, $0)) }
            peripherals.clock.set(
                year: f[0], month: f[1], day: f[2], hour: f[3], minute: f[4], second: f[5],
                wallTime: station.wallTime, at: station.calendarInstant)
            return answer(request, ok: true)
        case "S5":
            return setMennekesLock(request)
        case "SA":
            guard count == 2 else { return refuse(request) }
            station.setAmmeter(
                scale: Int(Int16(truncatingIfNeeded: number(request, 0))),
                offset: Int(Int16(truncatingIfNeeded: number(request, 1))))
            return answer(request, ok: true)
        case "SB":
            // D9: `$OK 0` cleared, `$OK 1` refused in a fault (open_evse case `SB`).
            return ok(request, station.clearBootLock() ? "0" : "1")
        case "SC":
            return setCurrentCapacity(request, station: &station)
        case "SK":
            // No argument-count check in the firmware: a missing value reads as 0.
            station.setLifetimeEnergy(wh: Double(number(request, 0)))
            return answer(request, ok: true)
        case "SL":
            return setServiceLevel(request, station: &station)
        case "SN":
            return setCableSensor(request)
        case "SR":
            // D9 relay outputs 1 DC1, 2 DC2, 3 AC.
            let output = signedNumber(request, 0)
            guard count == 2, (1...3).contains(output), let value = bit(request, 1) else { return refuse(request) }
            peripherals.relayOutputsEnabled[Int(output) - 1] = value == 1
            return answer(request, ok: true)
        case "ST":
            guard count == 4 else { return refuse(request) }
            peripherals.delayTimer = RAPIDelayTimer(
                startHour: byte(request, 0), startMinute: byte(request, 1),
                endHour: byte(request, 2), endMinute: byte(request, 3))
            return answer(request, ok: true)
        case "SV":
            guard count == 1 else { return refuse(request) }
            station.setMillivolts(Int(number(request, 0)))
            return answer(request, ok: true)
        case "SY":
            return heartbeat(request, station: &station)
        case "SZ":
            guard count == 1 else { return refuse(request) }
            peripherals.zeroCurrentThresholdMilliamps = min(max(signedNumber(request, 0), 0), 5_000)
            return answer(request, ok: true)
        default:
            return nil
        }
    }

    /// `$SC n [V|M|x]`, open_evse case `SC`: the reply always carries the resulting amps,
    /// `$OK` when taken as asked, `$NK` when clamped or refused; a wrong token count is a bare
    /// `$NK`. The firmware keeps the amps in a byte (`(uint8_t)dtou32`).
    mutating func setCurrentCapacity(_ request: RAPIRequest, station: inout Station) -> RAPICommandResult {
        guard request.tokenCount == 2 || request.tokenCount == 3 else { return refuse(request) }
        let amps = Int(byte(request, 0))
        let mode: Station.CapacityMode =
            switch (request.tokenCount, firstByte(request, 1)) {
            case (3, UInt8(ascii: "M")): .hardwareMax
            case (3, _): .volatile
            default: .persistent
            }
        let result = station.setCurrentCapacity(amps, mode: mode)
        return RAPICommandResult(request.reply(result.accepted ? .ok : .nk, String(result.amps)))
    }

    /// `$SL 1|2|A`. `A` (auto-detect at the next POST) exists only on builds with AUTOSVCLEVEL
    /// (the US one); EU and D9 answer `$NK` (open_evse case `SL`).
    mutating func setServiceLevel(_ request: RAPIRequest, station: inout Station) -> RAPICommandResult {
        guard request.arguments.count == 1 else { return refuse(request) }
        switch firstByte(request, 0) {
        case UInt8(ascii: "1"): station.setServiceLevel(level2: false)
        case UInt8(ascii: "2"): station.setServiceLevel(level2: true)
        case UInt8(ascii: "A") where firmware == .openEVSE823US:
            station.setFlag(.autoServiceLevelDisabled, disabled: false)
        default: return refuse(request)
        }
        return answer(request, ok: true)
    }

    /// `$SY`, open_evse case `SY` (`HsPulse()` and kin): a pulse (no argument), the 165 acknowledgement, or
    /// `interval current`. Every form answers the three status fields `i c t`.
    mutating func heartbeat(_ request: RAPIRequest, station: inout Station) -> RAPICommandResult {
        let ok: Bool
        switch request.arguments.count {
        case 0:
            ok = station.heartbeatPulse()
        case 1:
            // The cookie is read as a byte: 0xA5.
            ok = byte(request, 0) == 165 && station.heartbeatAcknowledge()
        case 2:
            ok = station.setHeartbeat(
                interval: Int(UInt16(truncatingIfNeeded: number(request, 0))), current: Int(byte(request, 1)))
        default:
            ok = false
        }
        return RAPICommandResult(request.reply(ok ? .ok : .nk, heartbeatText(station)))
    }

    /// `$GY`/`$SY` status: interval, fallback current, trigger.
    func heartbeatText(_ station: Station) -> String {
        "\(station.settings.heartbeatInterval) \(station.settings.heartbeatCurrent) \(station.controller.heartbeatTrigger)"
    }

    /// `$S5 A|M|0|1`: auto mode, manual mode, unlock, lock; anything else `$NK`.
    mutating func setMennekesLock(_ request: RAPIRequest) -> RAPICommandResult {
        guard request.arguments.count == 1 else { return refuse(request) }
        switch firstByte(request, 0) {
        case UInt8(ascii: "A"): peripherals.mennekesLock.isManual = false
        case UInt8(ascii: "M"): peripherals.mennekesLock.isManual = true
        case UInt8(ascii: "0"): peripherals.mennekesLock.manualLocked = false
        case UInt8(ascii: "1"): peripherals.mennekesLock.manualLocked = true
        default: return refuse(request)
        }
        return answer(request, ok: true)
    }

    /// `$SN idx pin [r25 beta offset panic]` (D9 9.4.0): 2 or 6 arguments, each in range.
    mutating func setCableSensor(_ request: RAPIRequest) -> RAPICommandResult {
        let count = request.arguments.count
        let index = signedNumber(request, 0)
        guard count == 2 || count == 6, (0...3).contains(index) else { return refuse(request) }
        var sensor = peripherals.cableSensors[Int(index)]
        sensor.pin = signedNumber(request, 1)
        if count == 6 {
            sensor.r25 = signedNumber(request, 2)
            sensor.beta = signedNumber(request, 3)
            sensor.offset = signedNumber(request, 4)
            sensor.panic = signedNumber(request, 5)
        }
        guard sensor.isValid else { return refuse(request) }
        peripherals.cableSensors[Int(index)] = sensor
        return answer(request, ok: true)
    }
}
