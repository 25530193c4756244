import SimCore

/// The errors active on one EVSE, including the `evse_manager/Inoperative` error EvseManager
/// derives from them (EvseManager `ErrorHandling::raise_inoperative_error()`).
///
/// Raising a fatal error (``EverestErrorType/isFatal``) while none was active also raises
/// Inoperative; clearing the last fatal error clears it. Inoperative names its cause the way
/// EvseManager does: `message` is the causing type, `description` the causing type's name
/// after the slash (plus `/sub_type`), severity High, vendor id `EVerest`. It is raised once
/// and not rewritten when its cause clears while another fatal error remains.
public struct ActiveErrors: Sendable {
    /// One change, in the order it happened.
    public enum Change: Hashable, Sendable {
        /// An error became active.
        case raised(EverestError)
        /// An error was cleared.
        case cleared(EverestError)
    }

    /// The active errors, oldest first (the order `active_errors` lists them in).
    public private(set) var errors: [EverestError] = []
    /// The origin used for the derived Inoperative error (EvseManager's module id and its
    /// `evse` implementation).
    public var evseManagerOrigin: EverestError.Origin
    private var random: RandomStream

    /// An empty set. UUIDs are drawn from `random`.
    public init(
        random: RandomStream,
        evseManagerOrigin: EverestError.Origin = .init(moduleID: "evse_manager", implementationID: "evse")
    ) {
        self.random = random
        self.evseManagerOrigin = evseManagerOrigin
    }

    /// Whether `evse_manager/Inoperative` is active: the legacy API's `permanent_fault`.
    public var isInoperative: Bool { isActive(.inoperative) }

    /// Whether an error of `type` (and `subType`, when given) is active.
    public func isActive(_ type: EverestErrorType, subType: String? = nil) -> Bool {
        errors.contains { $0.type == type && (subType == nil || $0.subType == subType) }
    }

    /// Raises an error. A duplicate of an active (type, sub-type) pair is ignored, as the
    /// EVerest framework does.
    @discardableResult
    public mutating func raise(
        _ type: EverestErrorType, subType: String = "", message: String, severity: EverestErrorSeverity = .high,
        origin: EverestError.Origin, vendorID: String = "", at now: SimInstant
    ) -> [Change] {
        guard !isActive(type, subType: subType) else { return [] }
        let error = EverestError(
            type: type, subType: subType, message: message, severity: severity, origin: origin, vendorID: vendorID,
            raisedAt: now, uuid: nextUUID())
        errors.append(error)
        return [.raised(error)] + deriveInoperative(at: now)
    }

    /// Raises the error a station fault maps to (``StationFaultKind/everestError``), with the
    /// message the SIL uses for injected faults.
    @discardableResult
    public mutating func raise(
        _ fault: StationFaultKind, origin: EverestError.Origin, message: String = "Simulated fault event",
        at now: SimInstant
    ) -> [Change] {
        let spec = fault.everestError
        return raise(
            spec.type, subType: spec.subType, message: message, severity: spec.severity, origin: origin, at: now)
    }

    /// Clears the errors of `type`: all its sub-types, or only `subType` when given.
    @discardableResult
    public mutating func clear(_ type: EverestErrorType, subType: String? = nil, at now: SimInstant) -> [Change] {
        guard type != .inoperative else { return [] }  // derived, never cleared by hand
        var changes: [Change] = []
        errors.removeAll { error in
            let match = error.type == type && (subType == nil || error.subType == subType)
            if match { changes.append(.cleared(error)) }
            return match
        }
        guard !changes.isEmpty else { return [] }
        return changes + deriveInoperative(at: now)
    }

    /// Clears the error a station fault maps to.
    @discardableResult
    public mutating func clear(_ fault: StationFaultKind, at now: SimInstant) -> [Change] {
        let spec = fault.everestError
        return clear(spec.type, subType: spec.subType, at: now)
    }

    /// EvseManager's `process_error`: raise Inoperative for the first fatal error, or clear it
    /// when none remains.
    private mutating func deriveInoperative(at now: SimInstant) -> [Change] {
        if let cause = firstFatal() {
            guard !isInoperative else { return [] }
            let inoperative = EverestError(
                type: .inoperative, description: Self.causeDescription(cause), message: cause.type.rawValue,
                severity: .high, origin: evseManagerOrigin, vendorID: "EVerest", raisedAt: now, uuid: nextUUID())
            errors.append(inoperative)
            return [.raised(inoperative)]
        }
        guard let index = errors.firstIndex(where: { $0.type == .inoperative }) else { return [] }
        return [.cleared(errors.remove(at: index))]
    }

    /// The cause EvseManager's `errors_prevent_charging` finds: it looks at its own errors
    /// first, then the board support, lock, RCD, IMD, power supply, powermeter and OVM.
    private func firstFatal() -> EverestError? {
        let order = [
            "evse_manager", "evse_board_support", "connector_lock", "ac_rcd", "isolation_monitor", "power_supply_DC",
            "powermeter", "over_voltage_monitor",
        ]
        let fatal = errors.filter(\.type.isFatal)
        return fatal.min { a, b in
            (order.firstIndex(of: String(a.type.interface)) ?? order.count)
                < (order.firstIndex(of: String(b.type.interface)) ?? order.count)
        }
    }

    /// EvseManager's `generate_description`: the type after the first slash, plus
    /// `/sub_type` when there is one.
    static func causeDescription(_ cause: EverestError) -> String {
        let raw = cause.type.rawValue
        guard let slash = raw.firstIndex(of: "/") else { return cause.description }
        let after = raw[raw.index(after: slash)...]
        var name = after.isEmpty ? raw[..<slash] : after
        if !after.isEmpty, name.hasSuffix("/") { name = name.dropLast() }
        return cause.subType.isEmpty ? String(name) : "\(name)/\(cause.subType)"
    }

    /// A version-4 UUID from the seeded stream, lower-case like EVerest's.
    private mutating func nextUUID() -> String {
        var high = random.next()
        var low = random.next()
        high = (high & ~0xF000) | 0x4000  // version 4
        low = (low & ~(0xC000 << 48)) | (0x8000 << 48)  // RFC 4122 variant
        let hex = Self.hex(high, digits: 16) + Self.hex(low, digits: 16)
        let parts = [
            hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4),
            hex.dropFirst(16).prefix(4), hex.dropFirst(20),
        ]
        return parts.joined(separator: "-")
    }

    private static func hex(_ value: UInt64, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: digits - text.count) + text
    }
}
