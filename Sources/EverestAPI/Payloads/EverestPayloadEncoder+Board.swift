import JSON

/// The board-support and EvseManager payloads, which the real module prints with rapidyaml.
extension EverestPayloadEncoder {
    /// `var/hardware_capabilities`.
    ///
    /// - Returns: nil when nothing is published: in the documented flavour before the first
    ///   capabilities. The ``EverestAPIFlavor/everest`` flavour publishes its cached
    ///   string every second, which is empty until the first capabilities arrive.
    public func hardwareCapabilities(_ caps: HardwareCapabilities?) -> [UInt8]? {
        guard let caps else { return flavor == .everest ? [] : nil }
        var object: JSONObject = [
            "max_phase_count_import": .int(caps.maxPhaseCountImport),
            "min_phase_count_import": .int(caps.minPhaseCountImport),
            "max_phase_count_export": .int(caps.maxPhaseCountExport),
            "min_phase_count_export": .int(caps.minPhaseCountExport),
            "supports_changing_phases_during_charging": .bool(caps.supportsChangingPhasesDuringCharging),
        ]
        switch flavor {
        case .documented:
            object["max_current_A_import"] = .double(caps.maxCurrentAImport)
            object["min_current_A_import"] = .double(caps.minCurrentAImport)
            object["max_current_A_export"] = .double(caps.maxCurrentAExport)
            object["min_current_A_export"] = .double(caps.minCurrentAExport)
            object["max_plug_temperature_C"] = caps.maxPlugTemperatureC.map(JSONValue.double)
            object["connector_type"] = .string(caps.connectorType.rawValue)
            return JSONWriter.nlohmann.bytes(.object(object))
        case .everest:
            let d = decimalPlaces
            // The module prints min import and max export with the max-import decimal places.
            let sharedPlaces = d.hwCapsMaxCurrentImport.decimalPlaces
            object["max_current_A_import"] = EverestDecimalPlaces.value(
                caps.maxCurrentAImport, d.hwCapsMaxCurrentImport)
            object["min_current_A_import"] =
                EverestDecimalPlaces.value(
                    caps.minCurrentAImport, d.hwCapsMinCurrentImport, decimalPlaces: sharedPlaces)
            object["max_current_A_export"] =
                EverestDecimalPlaces.value(
                    caps.maxCurrentAExport, d.hwCapsMaxCurrentExport, decimalPlaces: sharedPlaces)
            object["min_current_A_export"] = EverestDecimalPlaces.value(
                caps.minCurrentAExport, d.hwCapsMinCurrentExport)
            object["max_plug_temperature_C"] = caps.maxPlugTemperatureC.map {
                EverestDecimalPlaces.value($0, d.hwCapsMaxPlugTemperatureC)
            }
            object["connector_type"] = .string(caps.connectorType.rawValue)
            return JSONWriter.ryml.bytes(.object(object))
        }
    }

    /// `var/limits`.
    public func limits(_ limits: LimitsReading) -> [UInt8] {
        switch flavor {
        case .documented:
            var object = JSONObject()
            object["uuid"] = limits.uuid.map(JSONValue.string)
            object["nr_of_phases_available"] = .int(limits.nrOfPhasesAvailable)
            object["max_current"] = .double(limits.maxCurrentA)
            return JSONWriter.nlohmann.bytes(.object(object))
        case .everest:
            // rapidyaml, in the module's order, straight to bytes (published every second).
            var out = JSONStream(layout: .ryml, capacity: 96)
            out.beginObject()
            if let uuid = limits.uuid {
                out.key("uuid")
                out.string(uuid)
            }
            out.key("nr_of_phases_available")
            out.int(limits.nrOfPhasesAvailable)
            out.key("max_current")
            EverestDecimalPlaces.write(limits.maxCurrentA, decimalPlaces.limitsMaxCurrent, to: &out)
            out.endObject()
            return out.bytes
        }
    }

    /// `var/telemetry`. The documented shape has `relais_on` and `rcd_current`; the real
    /// module writes `relais_on`'s value under the key `phase_seq_error` and drops the RCD
    /// current (bug since Nov 2023, everest-core `LimitDecimalPlaces::limit()` for telemetry).
    public func telemetry(_ t: TelemetryReading) -> [UInt8] {
        switch flavor {
        case .documented:
            var object: JSONObject = [
                "fan_rpm": .double(t.fanRPM),
                "rcd_current": .double(t.rcdCurrentMA),
                "relais_on": .bool(t.relaisOn),
                "supply_voltage_12V": .double(t.supplyVoltage12V),
                "supply_voltage_minus_12V": .double(t.supplyVoltageMinus12V),
                "temperature": .double(t.evseTemperatureC),
            ]
            object["plug_temperature_C"] = t.plugTemperatureC.map(JSONValue.double)
            return JSONWriter.nlohmann.bytes(.object(object))
        case .everest:
            // rapidyaml, in the module's order, straight to bytes (published every second).
            let d = decimalPlaces
            var out = JSONStream(layout: .ryml, capacity: 160)
            out.beginObject()
            out.key("phase_seq_error")
            out.bool(t.relaisOn)
            out.key("temperature")
            EverestDecimalPlaces.write(t.evseTemperatureC, d.telemetryEVSETemperatureC, to: &out)
            out.key("fan_rpm")
            EverestDecimalPlaces.write(t.fanRPM, d.telemetryFanRPM, to: &out)
            out.key("supply_voltage_12V")
            EverestDecimalPlaces.write(t.supplyVoltage12V, d.telemetrySupplyVoltage12V, to: &out)
            out.key("supply_voltage_minus_12V")
            EverestDecimalPlaces.write(t.supplyVoltageMinus12V, d.telemetrySupplyVoltageMinus12V, to: &out)
            if let plug = t.plugTemperatureC {
                out.key("plug_temperature_C")
                EverestDecimalPlaces.write(plug, d.telemetryPlugTemperatureC, to: &out)
            }
            out.endObject()
            return out.bytes
        }
    }
}
