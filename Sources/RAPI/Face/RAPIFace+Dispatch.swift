import EVSEModel

/// Command dispatch: availability first, then the handler of the command's group.
extension RAPIFace {
    /// Executes `request` on `station` and returns the reply.
    ///
    /// A command this build lacks (unknown, never in this firmware, or compiled out of the
    /// official build) answers a bare `$NK`, with the sequence id echoed (open_evse
    /// `processCmd()`, `response()`; availability per build in the README's RAPI table).
    mutating func execute(_ request: RAPIRequest, station: inout Station) -> RAPICommandResult {
        guard RAPICommandTable.availability(of: request.command, in: firmware).isAvailable else {
            return RAPICommandResult(request.reply(.nk), executed: false)
        }
        let result: RAPICommandResult? =
            switch request.command.first {
            case UInt8(ascii: "F"): executeFunction(request, station: &station)
            case UInt8(ascii: "S"): executeSet(request, station: &station)
            case UInt8(ascii: "G"): executeGet(request, station: &station)
            case UInt8(ascii: "Z"): executeTest(request)
            default: nil
            }
        return result ?? RAPICommandResult(request.reply(.nk), executed: false)
    }

    // MARK: - Helpers shared by the handlers

    /// The numeric value of argument `index` as the firmware parses it (missing: 0, as an empty
    /// C string parses).
    func number(_ request: RAPIRequest, _ index: Int) -> UInt32 {
        let token = index < request.arguments.count ? request.arguments[index] : RAPIToken(bytes: [])
        return token.decimal(using: firmware.numberParser)
    }

    /// Argument `index` as the firmware's signed value (D9 `dtoi32`; on 8.2.3 the unsigned
    /// result reinterpreted).
    func signedNumber(_ request: RAPIRequest, _ index: Int) -> Int32 {
        Int32(bitPattern: number(request, index))
    }

    /// Argument `index` truncated to a byte, as `(uint8_t)dtou32(…)` does.
    func byte(_ request: RAPIRequest, _ index: Int) -> UInt8 {
        UInt8(truncatingIfNeeded: number(request, index))
    }

    /// The first character of argument `index`, 0 when missing or empty: what `*tokens[i]` reads.
    func firstByte(_ request: RAPIRequest, _ index: Int) -> UInt8 {
        index < request.arguments.count ? request.arguments[index].firstByte : 0
    }

    /// The digit of a `0|1` argument (first character − '0'), or nil for anything else; the
    /// firmware reads only the first character, so `1x` counts as 1.
    func bit(_ request: RAPIRequest, _ index: Int) -> UInt8? {
        let value = firstByte(request, index) &- UInt8(ascii: "0")
        return value <= 1 ? value : nil
    }

    /// `$OK` or `$NK`, bare.
    func answer(_ request: RAPIRequest, ok: Bool) -> RAPICommandResult {
        RAPICommandResult(request.reply(ok ? .ok : .nk))
    }

    /// `$OK <text>`.
    func ok(_ request: RAPIRequest, _ text: String) -> RAPICommandResult {
        RAPICommandResult(request.reply(.ok, text))
    }

    /// A bare `$NK` for a malformed use of a known command (argument count, value).
    func refuse(_ request: RAPIRequest) -> RAPICommandResult {
        RAPICommandResult(request.reply(.nk))
    }

    // MARK: - Z: test commands

    /// `$Z0 closems holdpwm`: V6 relay parameters; always `$OK`, after printing them
    /// (open_evse `processCmd()`, case `Z0`).
    mutating func executeTest(_ request: RAPIRequest) -> RAPICommandResult? {
        guard request.command == "Z0" else { return nil }
        if request.arguments.count == 2 {
            peripherals.relayClosePulseMilliseconds = number(request, 0)
            peripherals.relayHoldPWM = UInt32(byte(request, 1))
        }
        let text = "\nZ0 \(peripherals.relayClosePulseMilliseconds) \(peripherals.relayHoldPWM)\r\n"
        return RAPICommandResult(request.reply(.ok), preamble: Array(text.utf8))
    }
}
