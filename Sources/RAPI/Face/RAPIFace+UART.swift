import EVSEModel

/// The UART receive buffer while the firmware does not service RAPI (quirk
/// ``RAPIQuirks/blockedDuringBoot``).
///
/// open_evse `J1772EVSEController::Init()` sends the forced `$AT`, runs the power-on self-test
/// and the GFI self-test, sends `$AB`, and only then does the main loop read RAPI
/// (`ProcessInputs()`, `EvseRapiProcessor::doCmd()`); `J1772EVSEController::Reboot()` waits for
/// the watchdog without reading. Meanwhile the Arduino AVR core's interrupt handler stores
/// received bytes in a 64-byte ring that keeps one slot free, and drops every byte that finds
/// it full (`HardwareSerial::_rx_complete_irq()`). A reset clears the ring with the rest of RAM.
extension RAPIFace {
    /// How many bytes the AVR's 64-byte receive ring holds.
    public static let uartCapacity = 63

    /// Whether the firmware is in a window where it reads no RAPI.
    func isBlocked(_ station: Station) -> Bool {
        quirks.blockedDuringBoot && station.powered && station.controller.booting
    }

    /// Stores what fits in the receive buffer and drops the rest.
    mutating func hold(_ bytes: ArraySlice<UInt8>, station: Station, into out: inout RAPIFaceOutput) {
        let room = max(0, Self.uartCapacity - uartBuffer.count)
        let kept = bytes.prefix(room)
        uartBuffer += kept
        if !kept.isEmpty {
            out.record(
                "rapi.hold", at: station.now,
                [
                    .init("bytes", .string(RAPIFormat.escaped(Array(kept)))),
                    .init("reason", "firmware busy (boot or reset wait): answered once RAPI is read again"),
                ])
        }
        let lost = bytes.dropFirst(kept.count)
        if !lost.isEmpty {
            out.record(
                "rapi.drop", at: station.now,
                [
                    .init("bytes", .string(RAPIFormat.escaped(Array(lost)))),
                    .init("reason", .string("UART receive buffer full (\(Self.uartCapacity) bytes)")),
                ])
        }
    }

    /// The controller resets: the bytes waiting in RAM are gone.
    mutating func loseHeldBytes(station: Station, into out: inout RAPIFaceOutput) {
        guard !uartBuffer.isEmpty else { return }
        out.record(
            "rapi.drop", at: station.now,
            [
                .init("bytes", .string(RAPIFormat.escaped(uartBuffer))),
                .init("reason", "lost at the controller reset"),
            ])
        uartBuffer.removeAll()
    }

    /// After `$AB` the main loop reads what waited, in order, and answers it.
    mutating func serviceHeldBytes(station: inout Station) -> RAPIFaceOutput {
        guard !uartBuffer.isEmpty, !isBlocked(station) else { return RAPIFaceOutput() }
        let held = uartBuffer
        uartBuffer.removeAll()
        return receive(held, station: &station)
    }
}
