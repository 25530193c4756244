/// Volatile controller flags (ECVF), `$GS`/`$AT` field 4 (open_evse `J1772EvseController.h`, `ECVF_*`).
public struct VFlags: OptionSet, Hashable, Sendable {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let autoServiceLevelSkipped = VFlags(rawValue: 0x0001)
    public static let hardFault = VFlags(rawValue: 0x0002)
    public static let limitSleep = VFlags(rawValue: 0x0004)
    public static let authLocked = VFlags(rawValue: 0x0008)
    public static let timeLimit = VFlags(rawValue: 0x0010)
    public static let noGroundTripped = VFlags(rawValue: 0x0020)
    public static let chargingOn = VFlags(rawValue: 0x0040)
    public static let gfiTripped = VFlags(rawValue: 0x0080)
    public static let evConnected = VFlags(rawValue: 0x0100)
    public static let sessionEnded = VFlags(rawValue: 0x0200)
    public static let evConnectedPrevious = VFlags(rawValue: 0x0400)
    public static let uiInMenu = VFlags(rawValue: 0x0800)
    public static let timerOn = VFlags(rawValue: 0x1000)
    public static let chargeLimit = VFlags(rawValue: 0x2000)
    public static let bootLock = VFlags(rawValue: 0x4000)
    public static let mennekesManual = VFlags(rawValue: 0x8000)

    /// The bits whose change triggers an `$AT` (open_evse `ECVF_CHANGED_TEST`).
    public static let atChangeMask = VFlags(rawValue: 0x211A)

    /// Four lower-case hex digits, as the firmware prints them.
    public var hex: String { hex4(rawValue) }
}

/// Persistent controller feature flags (ECF), `$GE` field 2 (open_evse `J1772EvseController.h`, `ECF_*`).
public struct ECFlags: OptionSet, Hashable, Sendable {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let level2 = ECFlags(rawValue: 0x0001)
    public static let diodeCheckDisabled = ECFlags(rawValue: 0x0002)
    public static let ventRequiredDisabled = ECFlags(rawValue: 0x0004)
    public static let groundCheckDisabled = ECFlags(rawValue: 0x0008)
    public static let stuckRelayCheckDisabled = ECFlags(rawValue: 0x0010)
    public static let autoServiceLevelDisabled = ECFlags(rawValue: 0x0020)
    /// 8.x: legacy "auto start disabled"; D9: PP auto-ampacity enabled.
    public static let bit0040 = ECFlags(rawValue: 0x0040)
    public static let serialDebug = ECFlags(rawValue: 0x0080)
    public static let monoLCD = ECFlags(rawValue: 0x0100)
    public static let gfiTestDisabled = ECFlags(rawValue: 0x0200)
    public static let temperatureCheckDisabled = ECFlags(rawValue: 0x0400)
    public static let relayZeroCrossDisabled = ECFlags(rawValue: 0x0800)
    public static let cgmi = ECFlags(rawValue: 0x1000)
    public static let bootLockDisabled = ECFlags(rawValue: 0x2000)
    public static let overCurrentDisabled = ECFlags(rawValue: 0x4000)
    public static let buttonDisabled = ECFlags(rawValue: 0x8000)

    public var hex: String { hex4(rawValue) }
}

func hex4(_ v: UInt16) -> String {
    let s = String(v, radix: 16)
    return String(repeating: "0", count: 4 - s.count) + s
}
