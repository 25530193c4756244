import JSON
import SimCore

/// One charging profile as SetChargingProfile carries it (OCPP 1.6 §7.8), with its times as
/// calendar seconds (Unix epoch).
struct OCPPChargingProfile: Hashable, Sendable {
    enum Purpose: String, Hashable, Sendable {
        case chargePointMax = "ChargePointMaxProfile"
        case txDefault = "TxDefaultProfile"
        case tx = "TxProfile"
    }
    enum Kind: String, Hashable, Sendable {
        case absolute = "Absolute"
        case recurring = "Recurring"
        case relative = "Relative"
    }
    struct Period: Hashable, Sendable {
        var start: Int64
        var limit: Double
        var phases: Int?
    }

    var id: Int
    var connector: Int
    var transactionID: Int?
    var stackLevel: Int
    var purpose: Purpose
    var kind: Kind
    /// Seconds of the recurrence (86 400 daily, 604 800 weekly), for Recurring.
    var recurrence: Int64?
    var validFrom: Int64?
    var validTo: Int64?
    var startSchedule: Int64?
    var duration: Int64?
    /// `A` or `W`.
    var unit: String
    var periods: [Period]

    /// Reads `csChargingProfiles`.
    init(_ o: JSONObject, connector: Int, action: String) throws(OCPPCallFailure) {
        let f = OCPPFields(o, action: action)
        try f.only([
            "chargingProfileId", "transactionId", "stackLevel", "chargingProfilePurpose", "chargingProfileKind",
            "recurrencyKind", "validFrom", "validTo", "chargingSchedule",
        ])
        id = try f.int("chargingProfileId")
        self.connector = connector
        transactionID = try f.optionalInt("transactionId")
        stackLevel = try f.int("stackLevel")
        guard stackLevel >= 0 else { throw f.failure(.propertyConstraintViolation, "\"stackLevel\" must be ≥ 0") }
        purpose = Purpose(
            rawValue: try f.choice(
                "chargingProfilePurpose", among: ["ChargePointMaxProfile", "TxDefaultProfile", "TxProfile"]))!
        kind = Kind(rawValue: try f.choice("chargingProfileKind", among: ["Absolute", "Recurring", "Relative"]))!
        let recurrency = try f.optionalChoice("recurrencyKind", among: ["Daily", "Weekly"])
        recurrence = recurrency.map { $0 == "Daily" ? 86_400 : 604_800 }
        if kind == .recurring, recurrence == nil {
            throw f.failure(.formationViolation, "a Recurring profile needs \"recurrencyKind\"")
        }
        validFrom = try Self.date(f, "validFrom")
        validTo = try Self.date(f, "validTo")
        guard let scheduleValue = o["chargingSchedule"], let schedule = scheduleValue.objectValue else {
            throw f.failure(.formationViolation, "missing required object \"chargingSchedule\"")
        }
        let s = OCPPFields(schedule, action: action)
        try s.only(["duration", "startSchedule", "chargingRateUnit", "chargingSchedulePeriod", "minChargingRate"])
        duration = try s.optionalInt("duration").map(Int64.init)
        startSchedule = try Self.date(s, "startSchedule")
        unit = try s.choice("chargingRateUnit", among: ["A", "W"])
        guard let list = schedule["chargingSchedulePeriod"]?.arrayValue, !list.isEmpty else {
            throw s.failure(.formationViolation, "\"chargingSchedulePeriod\" must be a non-empty array")
        }
        var periods: [Period] = []
        for element in list {
            guard let p = element.objectValue else {
                throw s.failure(.typeConstraintViolation, "each charging schedule period must be an object")
            }
            let pf = OCPPFields(p, action: action)
            try pf.only(["startPeriod", "limit", "numberPhases"])
            guard let limitValue = p["limit"]?.numberValue?.doubleValue, limitValue >= 0 else {
                throw pf.failure(.formationViolation, "each period needs a \"limit\" ≥ 0")
            }
            periods.append(
                Period(
                    start: Int64(try pf.int("startPeriod")), limit: limitValue,
                    phases: try pf.optionalInt("numberPhases")))
        }
        guard periods.first?.start == 0, zip(periods, periods.dropFirst()).allSatisfy({ $0.start < $1.start }) else {
            throw s.failure(
                .propertyConstraintViolation, "periods must start at 0 and their startPeriod must increase")
        }
        self.periods = periods
    }

    static func date(_ f: OCPPFields, _ key: String) throws(OCPPCallFailure) -> Int64? {
        guard let text = try f.optionalString(key) else { return nil }
        guard let time = WallTime(rfc3339: text) else {
            throw f.failure(.typeConstraintViolation, "\"\(key)\" must be a date-time, found \"\(text)\"")
        }
        return time.startEpochSeconds
    }

    /// When the schedule in force at `t` started (epoch seconds), or nil when it is not in force.
    func scheduleStart(at t: Int64, transactionStart: Int64?) -> Int64? {
        if let validFrom, t < validFrom { return nil }
        if let validTo, t >= validTo { return nil }
        let start: Int64
        switch kind {
        case .absolute:
            start = startSchedule ?? validFrom ?? t
        case .relative:
            guard let transactionStart else { return nil }
            start = transactionStart
        case .recurring:
            let base = startSchedule ?? 0
            let period = recurrence ?? 86_400
            guard t >= base else { return nil }
            start = base + (t - base) / period * period
        }
        guard t >= start else { return nil }
        if let duration, t >= start + duration { return nil }
        return start
    }

    /// The limit in force at `t`, with its unit and phases, if any.
    func limit(at t: Int64, transactionStart: Int64?) -> Period? {
        guard let start = scheduleStart(at: t, transactionStart: transactionStart) else { return nil }
        return periods.last { start + $0.start <= t }
    }

    /// The next instant after `t` at which what this profile says may change.
    func nextChange(after t: Int64, transactionStart: Int64?) -> Int64? {
        var candidates: [Int64] = []
        if let validFrom, validFrom > t { candidates.append(validFrom) }
        if let validTo, validTo > t { candidates.append(validTo) }
        var starts: [Int64] = []
        switch kind {
        case .absolute: starts = [startSchedule ?? validFrom ?? t]
        case .relative: if let transactionStart { starts = [transactionStart] }
        case .recurring:
            let base = startSchedule ?? 0
            let period = recurrence ?? 86_400
            let current = t >= base ? base + (t - base) / period * period : base
            starts = [current, current + period]
        }
        for start in starts {
            for p in periods where start + p.start > t { candidates.append(start + p.start) }
            if let duration, start + duration > t { candidates.append(start + duration) }
        }
        return candidates.min()
    }
}
