import EVSEModel

/// Decides when the controller sends `$AT` (firmware `RapiSendEvseState()`, 7.1.1+ and D9).
///
/// open_evse `RapiSendEvseState()`. The check is cheap and the station runs it at the end of every
/// controller update cycle, right after every executed command's reply, and in the other places
/// listed there; never while a command is executing (the firmware suppresses it, then sends
/// right after the reply). A normal check sends when all of these hold:
///
/// - the EVSE state is not `00` (unknown);
/// - the state agrees with EV_CONNECTED: not A with it set, not B or C without it;
/// - state, pilot, capacity or `vflags & 0x211A` differ from the last `$AT` sent.
///
/// The message always carries the full vflags, but only the masked bits count as a change.
/// A forced send (``force(_:)``, once early in boot) skips all conditions. The remembered
/// values start at zero, as the firmware's statics do after every reset; call ``reset()`` when
/// the simulated controller reboots.
public struct RAPIATNotifier: Hashable, Sendable {
    /// The controller values an `$AT` reports.
    public struct Snapshot: Hashable, Sendable {
        /// EVSE state (`$AT` field 1).
        public var evseState: EvseState
        /// Pilot state (`$AT` field 2).
        public var pilot: RAPIPilotCode
        /// Current capacity in amps (`$AT` field 3; the firmware keeps it in a byte).
        public var capacity: UInt8
        /// Volatile flags (`$AT` field 4).
        public var vflags: VFlags

        /// A snapshot of the four reported values.
        public init(evseState: EvseState, pilot: RAPIPilotCode, capacity: UInt8, vflags: VFlags) {
            self.evseState = evseState
            self.pilot = pilot
            self.capacity = capacity
            self.vflags = vflags
        }

        /// The `$AT` message for these values.
        public var message: RAPIAsyncMessage {
            .state(evseState: evseState, pilot: pilot, capacity: capacity, vflags: vflags)
        }

        /// Whether state and EV_CONNECTED agree (A without it; B and C with it).
        public var isConsistent: Bool {
            let connected = vflags.contains(.evConnected)
            switch evseState {
            case .a: return !connected
            case .b, .c: return connected
            default: return true
            }
        }
    }

    /// What the last `$AT` sent reported, with vflags already masked by 0x211A.
    public private(set) var lastSent: Snapshot

    /// A notifier as after a controller reset: nothing sent yet (all remembered values zero).
    public init() {
        lastSent = Snapshot(evseState: .unknown, pilot: .unknown, capacity: 0, vflags: [])
    }

    /// Forgets what was sent, as a controller reboot does.
    public mutating func reset() {
        self = RAPIATNotifier()
    }

    /// Whether a normal check would send an `$AT` for `current` now.
    public func shouldSend(_ current: Snapshot) -> Bool {
        guard current.evseState != .unknown, current.isConsistent else { return false }
        let masked = current.vflags.intersection(.atChangeMask)
        return current.evseState != lastSent.evseState
            || current.pilot != lastSent.pilot
            || current.capacity != lastSent.capacity
            || masked != lastSent.vflags
    }

    /// The normal check: the `$AT` to send for `current`, or nil. Remembers what it returns.
    public mutating func check(_ current: Snapshot) -> RAPIAsyncMessage? {
        guard shouldSend(current) else { return nil }
        remember(current)
        return current.message
    }

    /// The forced send of early boot (`$AT 00 00 0 0200`): always returns the message and
    /// remembers it.
    public mutating func force(_ current: Snapshot) -> RAPIAsyncMessage {
        remember(current)
        return current.message
    }

    private mutating func remember(_ current: Snapshot) {
        var sent = current
        sent.vflags = current.vflags.intersection(.atChangeMask)
        lastSent = sent
    }
}
