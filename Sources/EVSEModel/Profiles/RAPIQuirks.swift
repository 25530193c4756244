/// Switches for the firmware quirks that make life hard for a RAPI client.
///
/// Each one defaults to what the real controller does. A station profile can switch one off by
/// name (`"rapiQuirks": { "echoBug": false }`); an unknown name in a profile is an error, never
/// ignored, so a typo cannot silently leave a quirk on. The RAPI face applies them.
public struct RAPIQuirks: Hashable, Sendable {
    /// open_evse `processCmd()`, case `FF E`: `$FF E 0` turns echo *on*, like `$FF E 1` (all firmware since
    /// RAPI 4.0.0). Off: `$FF E 0` turns echo off and `$FF E 1` on.
    public var echoBug: Bool
    /// open_evse `doCmd()`: a line longer than the buffer is dropped with no reply (the
    /// client times out). Off: it is answered `$NK^21` when its CR arrives.
    public var silentOverlongDrop: Bool
    /// open_evse `J1772EVSEController::Reboot()`: `$FR` never replies; the next bytes are the boot output. Off:
    /// `$FR` is answered `$OK` before the reboot (what the ESP32 gateway expects).
    public var noReplyToReboot: Bool
    /// open_evse `J1772EVSEController::Init()` and `Reboot()`: while the controller boots (power-on
    /// self-test, GFI self-test) and while it waits to reset after `$FR`, RAPI is not serviced.
    /// Bytes wait in the 64-byte UART receive buffer (Arduino AVR core, which keeps one slot
    /// free: 63 bytes), later ones are lost; what waited during boot is answered after `$AB`,
    /// what waited for the reset is lost with it. Off: commands are answered at once.
    public var blockedDuringBoot: Bool

    /// Every quirk's name as used in profile JSON.
    public static let names = Name.allCases.map(\.rawValue)

    /// The firmware's behaviour: every quirk on.
    public static let firmware = RAPIQuirks()

    /// Every quirk switched off.
    public static let none = RAPIQuirks(
        echoBug: false, silentOverlongDrop: false, noReplyToReboot: false, blockedDuringBoot: false)

    /// Quirk switches; each defaults to the firmware's behaviour.
    public init(
        echoBug: Bool = true, silentOverlongDrop: Bool = true, noReplyToReboot: Bool = true,
        blockedDuringBoot: Bool = true
    ) {
        self.echoBug = echoBug
        self.silentOverlongDrop = silentOverlongDrop
        self.noReplyToReboot = noReplyToReboot
        self.blockedDuringBoot = blockedDuringBoot
    }

    /// Whether echo is on after `$FF E <value>`, where `value` is the argument's digit (0 or 1;
    /// the firmware answers `$NK` to anything else before getting here).
    public func echoAfterFeatureCommand(value: UInt8) -> Bool {
        // Firmware: `echo = ((u1.u8 == '0') ? 0 : 1)` compares the converted digit with the
        // character '0' (0x30), which it never equals.
        echoBug ? true : value != 0
    }

    /// The quirk names that differ from the firmware's behaviour (for traces and reports).
    public var switchedOff: [String] {
        Name.allCases.filter { !self[$0] }.map(\.rawValue)
    }

    /// One quirk by its profile name.
    public subscript(quirk: Name) -> Bool {
        get {
            switch quirk {
            case .echoBug: echoBug
            case .silentOverlongDrop: silentOverlongDrop
            case .noReplyToReboot: noReplyToReboot
            case .blockedDuringBoot: blockedDuringBoot
            }
        }
        set {
            switch quirk {
            case .echoBug: echoBug = newValue
            case .silentOverlongDrop: silentOverlongDrop = newValue
            case .noReplyToReboot: noReplyToReboot = newValue
            case .blockedDuringBoot: blockedDuringBoot = newValue
            }
        }
    }

    /// The names used in profile JSON.
    public enum Name: String, CaseIterable, Sendable {
        /// ``RAPIQuirks/echoBug``
        case echoBug
        /// ``RAPIQuirks/silentOverlongDrop``
        case silentOverlongDrop
        /// ``RAPIQuirks/noReplyToReboot``
        case noReplyToReboot
        /// ``RAPIQuirks/blockedDuringBoot``
        case blockedDuringBoot
    }
}
