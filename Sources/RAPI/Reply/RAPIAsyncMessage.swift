import EVSEModel

/// An unsolicited controller-to-host message (open_evse `sendEvseState()`, `sendBootNotification()`).
///
/// Each carries an upper-case XOR checksum and ends in CR, never with a sequence id and never
/// with the echo-mode LF (only command replies get that). Hex fields are lower-case.
public enum RAPIAsyncMessage: Hashable, Sendable, CustomStringConvertible {
    /// `$AT <state %02x> <pilot %02x> <capacity %d> <vflags %04x>`: state report, sent under the
    /// rules of ``RAPIATNotifier``.
    case state(evseState: EvseState, pilot: RAPIPilotCode, capacity: UInt8, vflags: VFlags)
    /// `$AB <postcode %02x> <firmware version>`: end of boot. The post code is simply the EVSE
    /// state at that moment (`00` good, `07`/`08`/`09` POST failures).
    case boot(postCode: EvseState, firmwareVersion: String)
    /// `$AN <0|1>`: front button pressed while disabled by `$FF B 0` (0 short, 1 long press).
    case button(longPress: Bool)
    /// `$WF <mode %02x>`: request a WiFi mode (0 AP, 1 client, 2 AP-default).
    case wifiMode(UInt8)

    /// The bytes before `^`.
    public var body: [UInt8] {
        let text: String
        switch self {
        case .state(let evseState, let pilot, let capacity, let vflags):
            text =
                "$AT \(RAPIFormat.hex2(evseState.rawValue)) \(RAPIFormat.hex2(pilot.rawValue))"
                + " \(capacity) \(RAPIFormat.hex4(vflags.rawValue))"
        case .boot(let postCode, let firmwareVersion):
            text = "$AB \(RAPIFormat.hex2(postCode.rawValue)) \(firmwareVersion)"
        case .button(let longPress):
            text = "$AN \(longPress ? 1 : 0)"
        case .wifiMode(let mode):
            text = "$WF \(RAPIFormat.hex2(mode))"
        }
        return Array(text.utf8)
    }

    /// The message on the wire: body, `^XX`, CR.
    public func encoded() -> [UInt8] {
        RAPIFormat.framed(body)
    }

    /// The message with escapes, e.g. `$AT 01 01 32 0200^32\r`.
    public var description: String { RAPIFormat.escaped(encoded()) }
}
