import EVSEModel
import JSON
import SimCore

/// Smart Charging: charging profiles stacked as OCPP 1.6 §3.13 describes, their composite
/// applied as the EVSE's external limit over time, as the OCPP module applies libocpp's
/// composite schedule with `set_external_limits` (everest-core `modules/OCPP/OCPP.cpp`).
extension OCPPFace {
    /// SetChargingProfile's checks; the profile is stored once the answer went out.
    func checkChargingProfile(_ f: OCPPFields) throws(OCPPCallFailure) -> (JSONObject, Deferred) {
        try f.only(["connectorId", "csChargingProfiles"])
        let connector = try f.int("connectorId")
        guard let object = f.payload["csChargingProfiles"]?.objectValue else {
            throw f.failure(.formationViolation, "missing required object \"csChargingProfiles\"")
        }
        let profile = try OCPPChargingProfile(object, connector: connector, action: f.action)
        let rejected = (status("Rejected"), Deferred.none)
        guard (0...1).contains(connector) else { return rejected }
        switch profile.purpose {
        case .chargePointMax:
            guard connector == 0 else { return rejected }
        case .tx:
            // A TxProfile needs the transaction it is for (OCPP 1.6 §5.16.2).
            guard connector == 1, transaction != nil,
                profile.transactionID == nil || profile.transactionID == transactionID
            else { return rejected }
        case .txDefault:
            break
        }
        return (status("Accepted"), .setProfile(profile))
    }

    func checkClearChargingProfile(_ f: OCPPFields) throws(OCPPCallFailure) -> (JSONObject, Deferred) {
        try f.only(["id", "connectorId", "chargingProfilePurpose", "stackLevel"])
        let id = try f.optionalInt("id")
        let connector = try f.optionalInt("connectorId")
        let purpose = try f.optionalChoice(
            "chargingProfilePurpose", among: ["ChargePointMaxProfile", "TxDefaultProfile", "TxProfile"])
        let level = try f.optionalInt("stackLevel")
        let matches = chargingProfiles.filter {
            (id == nil || $0.id == id) && (connector == nil || $0.connector == connector)
                && (purpose == nil || $0.purpose.rawValue == purpose) && (level == nil || $0.stackLevel == level)
        }.map(\.id)
        guard !matches.isEmpty else { return (status("Unknown"), .none) }
        return (status("Accepted"), .clearProfiles(matches))
    }

    func compositeSchedule(_ f: OCPPFields, station: Station) throws(OCPPCallFailure) -> (JSONObject, Deferred) {
        try f.only(["connectorId", "duration", "chargingRateUnit"])
        let connector = try f.int("connectorId")
        let duration = try f.int("duration")
        let unit = try f.optionalChoice("chargingRateUnit", among: ["A", "W"]) ?? "A"
        guard (0...1).contains(connector), duration > 0 else { return (status("Rejected"), .none) }
        let composite = compositeSchedule(connector: connector, duration: duration, unit: unit, station: station)
        let periods: [JSONValue] = composite.periods.map {
            .object(["startPeriod": .int($0.startPeriod), "limit": .number(JSONNumber.fixed($0.limit, decimals: 1))])
        }
        let schedule: JSONObject = [
            "duration": .int(duration), "startSchedule": .string(composite.startSchedule),
            "chargingRateUnit": .string(unit), "chargingSchedulePeriod": .array(periods),
        ]
        return (
            [
                "status": "Accepted", "connectorId": .int(connector),
                "scheduleStart": .string(composite.startSchedule), "chargingSchedule": .object(schedule),
            ], .none
        )
    }

    /// The composite over `duration` seconds from now, one period per change of the limit; the
    /// station's hardware maximum where no profile applies.
    ///
    /// Connector 0's is the whole charge point's: libocpp sums the EVSEs' composites (each EVSE
    /// without a limit counting with the default) and takes the lower of that sum and the
    /// ChargePointMaxProfile (libocpp `lib/ocpp/v16/smart_charging.cpp`,
    /// `calculate_enhanced_composite_schedule()`). With one EVSE the limits are connector 1's,
    /// but a sum has no stack level (`merge_profiles_by_summing_limits()` sets 0): a period
    /// shows the ChargePointMaxProfile's level only where that profile is strictly lower.
    func compositeSchedule(connector: Int, duration: Int, unit: String, station: Station) -> OCPPCompositeSchedule {
        let start = station.calendarEpochSeconds
        let end = start + Int64(duration)
        var periods: [OCPPCompositeSchedule.Period] = []
        var last: Double?
        var t = start
        while t < end {
            var limit = compositeLimit(at: t, station: station)
            let amps = limit?.amps ?? Double(station.profile.hardwareMaxAmps)
            if connector == 0, let chosen = limit, !chargePointMaxIsLower(at: t, station: station) {
                limit = (chosen.amps, chosen.phases, 0)
            }
            if amps != last {
                let phases = limit?.phases ?? station.profile.phases
                let value = unit == "A" ? amps : amps * station.profile.nominalVoltage * Double(station.profile.phases)
                periods.append(
                    .init(
                        startPeriod: Int(t - start), limit: value, numberPhases: phases, stackLevel: limit?.level ?? 0))
                last = amps
            }
            guard let next = nextProfileChange(after: t), next < end else { break }
            t = next
        }
        return OCPPCompositeSchedule(
            connector: connector, unit: unit, duration: duration,
            startSchedule: station.wallTime.rfc3339(at: station.calendarInstant), periods: periods)
    }

    /// The composite limit in amps per phase at epoch second `t`: the lower of the
    /// ChargePointMaxProfile and the transaction's profile (its TxProfile, else the
    /// TxDefaultProfile), each the highest stack level in force.
    func compositeAmps(at t: Int64, station: Station) -> Double? { compositeLimit(at: t, station: station)?.amps }

    /// ``compositeAmps(at:station:)`` with the phases and stack level of the profile that sets it.
    func compositeLimit(at t: Int64, station: Station) -> (amps: Double, phases: Int, level: Int)? {
        let cap = strongestLimit(.chargePointMax, at: t, station: station)
        switch (cap, evseLimit(at: t, station: station)) {
        case (let a?, let b?): return a.amps <= b.amps ? a : b
        case (let a, let b): return a ?? b
        }
    }

    /// The EVSE's own limit at `t`: the transaction's TxProfile, else the TxDefaultProfile.
    func evseLimit(at t: Int64, station: Station) -> (amps: Double, phases: Int, level: Int)? {
        (transaction != nil ? strongestLimit(.tx, at: t, station: station) : nil)
            ?? strongestLimit(.txDefault, at: t, station: station)
    }

    /// The limit of the highest stack level in force at `t` among the profiles of `purpose`.
    func strongestLimit(_ purpose: OCPPChargingProfile.Purpose, at t: Int64, station: Station) -> (
        amps: Double, phases: Int, level: Int
    )? {
        var chosen: (amps: Double, phases: Int, level: Int)?
        for p in chargingProfiles where p.purpose == purpose {
            guard let period = p.limit(at: t, transactionStart: transactionStartEpoch) else { continue }
            let phases = period.phases ?? station.profile.phases
            let amps =
                p.unit == "A" ? period.limit : period.limit / (station.profile.nominalVoltage * Double(max(phases, 1)))
            if chosen == nil || p.stackLevel > chosen!.level { chosen = (amps, phases, p.stackLevel) }
        }
        return chosen
    }

    /// Whether the ChargePointMaxProfile's limit at `t` is strictly below the EVSE's own (else
    /// the hardware maximum): then it decides connector 0's stack level.
    func chargePointMaxIsLower(at t: Int64, station: Station) -> Bool {
        guard let cap = strongestLimit(.chargePointMax, at: t, station: station) else { return false }
        return cap.amps < evseLimit(at: t, station: station)?.amps ?? Double(station.profile.hardwareMaxAmps)
    }

    func nextProfileChange(after t: Int64) -> Int64? {
        chargingProfiles.compactMap { $0.nextChange(after: t, transactionStart: transactionStartEpoch) }.min()
    }

    /// Applies the composite limit in force now as the external limit (only when it changed),
    /// lifts it when no profile applies any more, and sets the timer for the next change.
    mutating func applyChargingProfiles(station: inout Station) {
        let now = station.calendarEpochSeconds
        let amps = compositeAmps(at: now, station: station)
        if amps != appliedProfileAmps {
            if let amps {
                station.replaceExternalLimit(amps: amps, watts: nil, phases: nil)
                note("charging profiles: external limit \(JSONNumber.fixed(amps, decimals: 1).text) A", at: station.now)
            } else if appliedProfileAmps != nil {
                station.replaceExternalLimit(amps: nil, watts: nil, phases: nil)
                note("charging profiles: external limit lifted", at: station.now)
            }
            appliedProfileAmps = amps
        }
        nextProfileAt = nextProfileChange(after: now).map { instant(ofEpoch: $0, station) }
    }

    /// A new profile replaces one with the same id, or the same purpose and stack level on the
    /// same connector (OCPP 1.6 §5.16).
    mutating func store(_ profile: OCPPChargingProfile, station: inout Station) {
        chargingProfiles.removeAll {
            $0.id == profile.id
                || ($0.purpose == profile.purpose && $0.stackLevel == profile.stackLevel
                    && $0.connector == profile.connector)
        }
        chargingProfiles.append(profile)
        applyChargingProfiles(station: &station)
    }
}
