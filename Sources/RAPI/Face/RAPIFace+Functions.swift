import EVSEModel

/// The F (function) commands (open_evse `processCmd()`, case `F`).
extension RAPIFace {
    mutating func executeFunction(_ request: RAPIRequest, station: inout Station) -> RAPICommandResult? {
        switch request.command {
        case "F0":
            // 0 freezes LCD updates, 1 resumes them; exactly one argument.
            guard request.arguments.count == 1 else { return refuse(request) }
            peripherals.display.isFrozen = byte(request, 0) == 0
            return answer(request, ok: true)
        case "F1":
            // The front button's short press: no effect in a fault, else enable ⇄ sleep.
            let state = station.controller.state
            if !state.isFault {
                if state == .sleeping || state == .disabled { station.enable() } else { station.sleep() }
            }
            return answer(request, ok: true)
        case "FB":
            guard request.arguments.count == 1 else { return refuse(request) }
            peripherals.display.backlight = byte(request, 0)
            return answer(request, ok: true)
        case "FC":
            // D9: the trip counters and the total-energy counter.
            station.resetFaultCounters()
            station.setLifetimeEnergy(wh: 0)
            return answer(request, ok: true)
        case "FD":
            station.disable()
            return answer(request, ok: true)
        case "FE":
            station.enable()
            return answer(request, ok: true)
        case "FF":
            return setFeature(request, station: &station)
        case "FH":
            // D9: relay-health estimate and stuck-relay-recovery counter.
            peripherals.relayRecoveries = 0
            return answer(request, ok: true)
        case "FK":
            // D9: refused with an EV connected; the ~30 s of relay cycling take no time here.
            let ran = station.recoverStuckRelay()
            if ran { peripherals.relayRecoveries += 1 }
            return answer(request, ok: ran)
        case "FO":
            guard request.arguments.count == 1, signedNumber(request, 0) > 0 else { return refuse(request) }
            peripherals.panicTenthsCelsius = signedNumber(request, 0)
            return answer(request, ok: true)
        case "FP":
            return printText(request, station: station)
        case "FR":
            // open_evse `J1772EVSEController::Reboot()`: the watchdog resets the controller without a reply;
            // the boot output follows from the station's boot records.
            station.reboot()
            return RAPICommandResult(quirks.noReplyToReboot ? nil : request.reply(.ok), checksState: false)
        case "FS":
            station.sleep()
            return answer(request, ok: true)
        default:
            return nil
        }
    }

    /// `$FF <id> 0|1`: exactly two arguments, the second `0` or `1`; an id this build lacks is
    /// `$NK`. The switch bits are "disabled" flags, except D9's P (0x0040 set = enabled).
    mutating func setFeature(_ request: RAPIRequest, station: inout Station) -> RAPICommandResult {
        guard request.arguments.count == 2, let value = bit(request, 1) else { return refuse(request) }
        let id = firstByte(request, 0)
        guard RAPICommandTable.isFeatureSwitchAvailable(id, in: firmware) else { return refuse(request) }
        let off = value == 0
        switch id {
        case UInt8(ascii: "E"):
            // open_evse `processCmd()`, case `FF E`: both $FF E 0 and $FF E 1 turn echo on (echoBug quirk); the
            // flag is set before the reply, so this reply already ends in LF.
            receiver.isEchoOn = quirks.echoAfterFeatureCommand(value: value)
        case UInt8(ascii: "C"):
            peripherals.cableTemperatureMonitoring = !off
        case UInt8(ascii: "P"):
            station.setFlag(.bit0040, disabled: !off)  // `disabled: true` sets the bit
        default:
            guard let flag = Self.disablingFlag(id) else { return refuse(request) }
            station.setFlag(flag, disabled: off)
        }
        return answer(request, ok: true)
    }

    /// The ECF bit that `$FF <id> 0` sets (open_evse `ECF_*`).
    static func disablingFlag(_ id: UInt8) -> ECFlags? {
        switch id {
        case UInt8(ascii: "B"): .buttonDisabled
        case UInt8(ascii: "D"): .diodeCheckDisabled
        case UInt8(ascii: "F"): .gfiTestDisabled
        case UInt8(ascii: "G"): .groundCheckDisabled
        case UInt8(ascii: "L"): .bootLockDisabled
        case UInt8(ascii: "O"): .overCurrentDisabled
        case UInt8(ascii: "R"): .stuckRelayCheckDisabled
        case UInt8(ascii: "T"): .temperatureCheckDisabled
        case UInt8(ascii: "V"): .ventRequiredDisabled
        case UInt8(ascii: "Z"): .relayZeroCrossDisabled
        default: nil
        }
    }

    /// `$FP x y text…`: at least three arguments, the text tokens re-joined with single spaces;
    /// `$NK` during a hard fault.
    mutating func printText(_ request: RAPIRequest, station: Station) -> RAPICommandResult {
        guard request.arguments.count >= 3, !station.controller.vflags.contains(.hardFault) else {
            return refuse(request)
        }
        let text = request.arguments.dropFirst(2).map(\.bytes).joined(separator: [UInt8(ascii: " ")])
        peripherals.display.print(x: Int(byte(request, 0)), y: Int(byte(request, 1)), text: Array(text))
        return answer(request, ok: true)
    }
}
