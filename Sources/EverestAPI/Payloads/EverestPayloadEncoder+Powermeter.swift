import SimCore

extension EverestPayloadEncoder {
    /// `var/powermeter`.
    ///
    /// The documented shape (README) is nlohmann-style with a numeric timestamp (Unix
    /// seconds with milliseconds). The ``EverestAPIFlavor/everest2026`` shape is the module's
    /// rapidyaml object in its field order with fixed decimals and the meter's RFC 3339
    /// timestamp, which YetiSimulator prints without milliseconds.
    public func powermeter(_ p: PowermeterReading) -> [UInt8] {
        let ryml = flavor == .everest2026
        let d = decimalPlaces
        func number(_ v: Double, _ field: EverestDecimalPlaces.Field) -> JSONValue {
            ryml ? EverestDecimalPlaces.value(v, field) : .double(v)
        }
        func totals(_ t: PowermeterReading.Totals, _ field: EverestDecimalPlaces.Field) -> JSONValue {
            var o: JSONObject = ["total": number(t.total, field)]
            o.append("L1", ifPresent: t.l1.map { number($0, field) })
            o.append("L2", ifPresent: t.l2.map { number($0, field) })
            o.append("L3", ifPresent: t.l3.map { number($0, field) })
            return .object(o)
        }
        func lines(_ l: PowermeterReading.Lines, _ field: EverestDecimalPlaces.Field, neutral: Bool) -> JSONValue {
            var o = JSONObject()
            o.append("DC", ifPresent: l.dc.map { number($0, field) })
            o.append("L1", ifPresent: l.l1.map { number($0, field) })
            o.append("L2", ifPresent: l.l2.map { number($0, field) })
            o.append("L3", ifPresent: l.l3.map { number($0, field) })
            if neutral { o.append("N", ifPresent: l.n.map { number($0, field) }) }
            return .object(o)
        }

        var object = JSONObject()
        if ryml {
            object.append("timestamp", .string(wallTime.rfc3339(at: p.timestamp, milliseconds: false)))
        } else {
            let milliseconds = wallTime.startEpochSeconds * 1000 + p.timestamp.nanoseconds / 1_000_000
            object.append("timestamp", .double(Double(milliseconds) / 1000))
        }
        object.append("meter_id", ifPresent: p.meterID.map(JSONValue.string))
        object.append("phase_seq_error", ifPresent: p.phaseSeqError.map(JSONValue.bool))
        object.append("energy_Wh_import", totals(p.energyWhImport, d.powermeterEnergyImport))
        object.append("energy_Wh_export", ifPresent: p.energyWhExport.map { totals($0, d.powermeterEnergyExport) })
        object.append("power_W", ifPresent: p.powerW.map { totals($0, d.powermeterPower) })
        object.append("voltage_V", ifPresent: p.voltageV.map { lines($0, d.powermeterVoltage, neutral: false) })
        object.append("VAR", ifPresent: p.reactivePowerVAR.map { totals($0, d.powermeterVAR) })
        object.append("current_A", ifPresent: p.currentA.map { lines($0, d.powermeterCurrent, neutral: true) })
        if let f = p.frequencyHz {
            var o: JSONObject = ["L1": number(f.l1, d.powermeterFrequency)]
            o.append("L2", ifPresent: f.l2.map { number($0, d.powermeterFrequency) })
            o.append("L3", ifPresent: f.l3.map { number($0, d.powermeterFrequency) })
            object.append("frequency_Hz", .object(o))
        }
        return (ryml ? JSONWriter.ryml : JSONWriter.nlohmann).bytes(.object(object))
    }
}
