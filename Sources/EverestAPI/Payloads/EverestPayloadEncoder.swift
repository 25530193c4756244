import EVSEModel
import JSON
import SimCore

/// Turns readings into the exact bytes the EVerest face publishes, in one of two flavours
/// (``EverestAPIFlavor``). Pure: the same inputs always give the same bytes.
public struct EverestPayloadEncoder: Hashable, Sendable {
    /// Which shapes to produce.
    public var flavor: EverestAPIFlavor
    /// Maps sim instants to the UTC strings on the wire.
    public var wallTime: WallTime
    /// Decimal settings for the rapidyaml payloads (``EverestAPIFlavor/everest`` only).
    public var decimalPlaces: EverestDecimalPlaces

    /// Creates an encoder.
    public init(
        flavor: EverestAPIFlavor = .everest, wallTime: WallTime = .defaultStart,
        decimalPlaces: EverestDecimalPlaces = EverestDecimalPlaces()
    ) {
        self.flavor = flavor
        self.wallTime = wallTime
        self.decimalPlaces = decimalPlaces
    }

    /// `everest_api/connectors`: a JSON array of EVSE ids, in configuration order.
    public func connectors(_ evseIDs: [String]) -> [UInt8] {
        JSONWriter.nlohmann.bytes(.array(evseIDs.map(JSONValue.string)))
    }

    /// `var/datetime`: the raw RFC 3339 time with milliseconds, no JSON quotes.
    public func datetime(at now: SimInstant) -> [UInt8] {
        // Straight into bytes: a `String` first cost a second allocation every second.
        var out: [UInt8] = []
        out.reserveCapacity(24)
        wallTime.appendRFC3339(at: now, to: &out)
        return out
    }

    /// `var/selected_protocol`: the raw name, no JSON quotes (empty before EvseManager's first
    /// publication), the same in both flavours.
    public func selectedProtocol(_ name: String) -> [UInt8] {
        // The names the session tracker reports come as buffers shared by every second and
        // every station: no allocation, and a trace copies what it wrote for the buffer before.
        for known in Self.protocolPayloads where known.name == name { return known.payload }
        return Array(name.utf8)
    }

    static let protocolPayloads = [EverestSessionTracker.basicChargingProtocol, EverestSessionTracker.unknownProtocol]
        .map { (name: $0, payload: Array($0.utf8)) }

    /// `ocpp/var/connection_status`: the raw word (a shared buffer, as ``selectedProtocol(_:)``).
    public func ocppConnectionStatus(_ status: OCPPStatus) -> [UInt8] {
        switch status {
        case .unknown: Self.ocppStatusPayloads[0]
        case .connected: Self.ocppStatusPayloads[1]
        case .disconnected: Self.ocppStatusPayloads[2]
        }
    }

    static let ocppStatusPayloads = [OCPPStatus.unknown, .connected, .disconnected].map { Array($0.rawValue.utf8) }

    /// `errors/var/active_errors`: the array of active ErrorObjects (nlohmann, sorted keys),
    /// the same in both flavours (everest-core `API::ready()`).
    public func activeErrors(_ errors: [EverestError]) -> [UInt8] {
        let objects = errors.map { error -> JSONValue in
            .object([
                "description": .string(error.description),
                "message": .string(error.message),
                "origin": .object([
                    "implementation_id": .string(error.origin.implementationID),
                    "module_id": .string(error.origin.moduleID),
                ]),
                "severity": .string(error.severity.rawValue),
                "state": .string("Active"),
                "sub_type": .string(error.subType),
                "timestamp": .string(wallTime.rfc3339(at: error.raisedAt)),
                "type": .string(error.type.rawValue),
                "uuid": .string(error.uuid),
            ])
        }
        return JSONWriter.nlohmann.bytes(.array(objects))
    }

    /// `var/session_info` (nlohmann, sorted keys, in both flavours).
    ///
    /// ``EverestAPIFlavor/everest`` widens the C++ floats (`latest_total_w`, the delay's
    /// limits) through `Float`, prints the pre-start-up source as the module does
    /// (`{"priority":0,"source":"Unspecified","state":"Enabled"}`). The documented flavour
    /// prints doubles as they are, shows the start-up row before the first event, and adds
    /// the README's `last_enable_disable_source`.
    ///
    /// - Parameter capacity: room to reserve; a face passes a little more than its last
    ///   payload's size, so a payload kept for the log holds no unused bytes to speak of.
    public func sessionInfo(_ info: SessionInfoReading, at now: SimInstant, capacity: Int = 384) -> [UInt8] {
        sessionInfoStream(info, at: now, capacity: capacity).bytes
    }

    /// ``sessionInfo(_:at:capacity:)`` as its stream, which says whether the trace may take it as it is.
    func sessionInfoStream(_ info: SessionInfoReading, at now: SimInstant, capacity: Int = 384) -> JSONStream {
        let widen = flavor == .everest
        func float(_ v: Double, _ out: inout JSONStream) { out.double(widen ? Double(Float(v)) : v) }
        // Keys in nlohmann's order (sorted by bytes), written straight to bytes: this payload
        // changes every second while a session runs.
        var out = JSONStream(layout: .compact, capacity: capacity)
        out.beginObject()
        out.key("active_enable_disable_source")
        out.beginObject()
        switch (info.activeEnableDisableSource, flavor) {
        case (let row?, _):
            out.key("priority")
            out.int(row.priority)
            out.key("source")
            out.string(row.source.rawValue)
            out.key("state")
            out.string(row.state.rawValue)
        case (nil, .everest):
            out.key("priority")
            out.int(0)
            out.key("source")
            out.string("Unspecified")
            out.key("state")
            out.string("Enabled")
        case (nil, .documented):
            out.key("priority")
            out.int(EnableDisableRow.lowestPriority)
            out.key("source")
            out.string("Unspecified")
            out.key("state")
            out.string("Enable")
        }
        out.endObject()
        out.key("charged_energy_wh")
        out.int(info.chargedEnergyWh)
        out.key("charging_duration_s")
        out.int(Int(info.chargingDurationSeconds))
        out.key("datetime")
        out.plainString { wallTime.appendRFC3339(at: now, to: &$0) }
        out.key("discharged_energy_wh")
        out.int(info.dischargedEnergyWh)
        if flavor == .documented {
            out.key("last_enable_disable_source")
            out.string(info.activeEnableDisableSource?.source.rawValue ?? "Unspecified")
        }
        out.key("latest_total_w")
        float(info.latestTotalW, &out)
        out.key("permanent_fault")
        out.bool(info.permanentFault)
        out.key("state")
        out.string(info.state.rawValue)
        if let delay = info.ukRandomDelay, delay.countdownSeconds > 0 {
            out.key("uk_random_delay")
            out.beginObject()
            out.key("current_limit_after_delay_A")
            float(delay.currentLimitAfterDelayA, &out)
            out.key("current_limit_during_delay_A")
            float(delay.currentLimitDuringDelayA, &out)
            out.key("remaining_s")
            out.int(delay.countdownSeconds)
            out.key("start_time")
            out.string(delay.startTime.map { wallTime.rfc3339(at: $0) } ?? "")
            out.endObject()
        }
        out.endObject()
        return out
    }
}

extension EverestPayloadEncoder {
    /// `ocpp/var/charging_schedules`: the OCPP module's value as the API module forwards it,
    /// `json::dump()` (nlohmann, sorted keys, absent optionals left out; everest-core
    /// `modules/API/API/API.cpp`). ``EverestAPIFlavor/everest`` widens the C++ `float` limits
    /// through `Float`; the documented flavour prints them as they are.
    public func chargingSchedules(_ reading: ChargingSchedulesReading) -> [UInt8] {
        let widen = flavor == .everest
        let schedules = reading.schedules.map { schedule -> JSONValue in
            let periods = schedule.periods.map { period -> JSONValue in
                var object: JSONObject = [
                    "start_period": .int(period.startPeriod),
                    "limit": .number(.nlohmann(widen ? Double(Float(period.limit)) : period.limit)),
                ]
                if let phases = period.numberPhases { object["number_phases"] = .int(phases) }
                if let level = period.stackLevel { object["stack_level"] = .int(level) }
                return .object(object)
            }
            var object: JSONObject = [
                "evse": .int(schedule.evse), "charging_rate_unit": .string(schedule.chargingRateUnit),
                "charging_schedule_period": .array(periods),
            ]
            if let duration = schedule.duration { object["duration"] = .int(duration) }
            if let start = schedule.startSchedule { object["start_schedule"] = .string(start) }
            return .object(object)
        }
        return JSONWriter.nlohmann.bytes(.object(["schedules": .array(schedules)]))
    }
}
