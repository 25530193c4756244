/// The Mennekes (type 2 socket) cable lock of `$S5`/`$G5` (open_evse `MennekesLock.cpp`).
///
/// In auto mode the lock follows the EV connection; manual mode (volatile, lost at reboot) holds
/// whatever `$S5 0|1` asked for and shows as vflag MENNEKES_MANUAL (0x8000).
public struct RAPIMennekesLock: Hashable, Sendable {
    /// Manual mode (`$S5 M`) instead of auto (`$S5 A`).
    public var isManual = false
    /// The lock state asked for by `$S5 1` / `$S5 0`.
    public var manualLocked = false

    /// Auto mode, unlocked.
    public init() {}

    /// Whether the pin is out: in manual mode as asked, in auto mode while an EV is connected
    /// and the controller is not disabled (disabling unlocks, open_evse `Disable()`).
    public func isLocked(evConnected: Bool, disabled: Bool) -> Bool {
        isManual ? manualLocked : evConnected && !disabled
    }
}
