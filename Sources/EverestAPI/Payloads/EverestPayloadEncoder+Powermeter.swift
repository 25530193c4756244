import JSON
import SimCore

extension EverestPayloadEncoder {
    /// `var/powermeter`.
    ///
    /// The documented shape (README) is nlohmann-style with a numeric timestamp (Unix
    /// seconds with milliseconds). The ``EverestAPIFlavor/everest`` shape is the module's
    /// rapidyaml object in its field order with fixed decimals and the meter's RFC 3339
    /// timestamp, which YetiSimulator prints without milliseconds.
    public func powermeter(_ p: PowermeterReading) -> [UInt8] {
        let ryml = flavor == .everest
        let d = decimalPlaces
        func number(_ v: Double, _ field: EverestDecimalPlaces.Field) -> JSONValue {
            ryml ? EverestDecimalPlaces.value(v, field) : .double(v)
        }
        func totals(_ t: PowermeterReading.Totals, _ field: EverestDecimalPlaces.Field) -> JSONValue {
            var o: JSONObject = ["total": number(t.total, field)]
            o["L1"] = t.l1.map { number($0, field) }
            o["L2"] = t.l2.map { number($0, field) }
            o["L3"] = t.l3.map { number($0, field) }
            return .object(o)
        }
        func lines(_ l: PowermeterReading.Lines, _ field: EverestDecimalPlaces.Field, neutral: Bool) -> JSONValue {
            var o = JSONObject()
            o["DC"] = l.dc.map { number($0, field) }
            o["L1"] = l.l1.map { number($0, field) }
            o["L2"] = l.l2.map { number($0, field) }
            o["L3"] = l.l3.map { number($0, field) }
            if neutral { o["N"] = l.n.map { number($0, field) } }
            return .object(o)
        }

        var object = JSONObject()
        if ryml {
            object["timestamp"] = .string(wallTime.rfc3339(at: p.timestamp, milliseconds: false))
        } else {
            let milliseconds = wallTime.startEpochSeconds * 1000 + p.timestamp.nanoseconds / 1_000_000
            object["timestamp"] = .double(Double(milliseconds) / 1000)
        }
        object["meter_id"] = p.meterID.map(JSONValue.string)
        object["phase_seq_error"] = p.phaseSeqError.map(JSONValue.bool)
        object["energy_Wh_import"] = totals(p.energyWhImport, d.powermeterEnergyImport)
        object["energy_Wh_export"] = p.energyWhExport.map { totals($0, d.powermeterEnergyExport) }
        object["power_W"] = p.powerW.map { totals($0, d.powermeterPower) }
        object["voltage_V"] = p.voltageV.map { lines($0, d.powermeterVoltage, neutral: false) }
        object["VAR"] = p.reactivePowerVAR.map { totals($0, d.powermeterVAR) }
        object["current_A"] = p.currentA.map { lines($0, d.powermeterCurrent, neutral: true) }
        if let f = p.frequencyHz {
            var o: JSONObject = ["L1": number(f.l1, d.powermeterFrequency)]
            o["L2"] = f.l2.map { number($0, d.powermeterFrequency) }
            o["L3"] = f.l3.map { number($0, d.powermeterFrequency) }
            object["frequency_Hz"] = .object(o)
        }
        return (ryml ? JSONWriter.ryml : JSONWriter.nlohmann).bytes(.object(object))
    }
}
