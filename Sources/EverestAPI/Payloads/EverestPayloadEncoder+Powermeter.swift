import EVSEModel
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
        flavor == .everest ? rymlPowermeter(p).bytes : documentedPowermeter(p)
    }

    /// ``powermeter(_:)`` with its trace value: vouched for when the stream says it may be.
    func tracedPowermeter(_ p: PowermeterReading) -> (bytes: [UInt8], traced: TraceValue) {
        guard flavor == .everest else {
            let bytes = documentedPowermeter(p)
            return (bytes, .payload(bytes))
        }
        let stream = rymlPowermeter(p)
        return (stream.bytes, stream.isPlain ? .vouchedSpacedJSON(stream.bytes) : .payload(stream.bytes))
    }

    /// The documented shape: nlohmann, sorted keys, a numeric timestamp.
    private func documentedPowermeter(_ p: PowermeterReading) -> [UInt8] {
        func totals(_ t: PowermeterReading.Totals) -> JSONValue {
            var o: JSONObject = ["total": .double(t.total)]
            o["L1"] = t.l1.map(JSONValue.double)
            o["L2"] = t.l2.map(JSONValue.double)
            o["L3"] = t.l3.map(JSONValue.double)
            return .object(o)
        }
        func lines(_ l: PowermeterReading.Lines, neutral: Bool) -> JSONValue {
            var o = JSONObject()
            o["DC"] = l.dc.map(JSONValue.double)
            o["L1"] = l.l1.map(JSONValue.double)
            o["L2"] = l.l2.map(JSONValue.double)
            o["L3"] = l.l3.map(JSONValue.double)
            if neutral { o["N"] = l.n.map(JSONValue.double) }
            return .object(o)
        }

        var object = JSONObject()
        let milliseconds = wallTime.startEpochSeconds * 1000 + p.timestamp.nanoseconds / 1_000_000
        object["timestamp"] = .double(Double(milliseconds) / 1000)
        object["meter_id"] = p.meterID.map(JSONValue.string)
        object["phase_seq_error"] = p.phaseSeqError.map(JSONValue.bool)
        object["energy_Wh_import"] = totals(p.energyWhImport)
        object["energy_Wh_export"] = p.energyWhExport.map(totals)
        object["power_W"] = p.powerW.map(totals)
        object["voltage_V"] = p.voltageV.map { lines($0, neutral: false) }
        object["VAR"] = p.reactivePowerVAR.map(totals)
        object["current_A"] = p.currentA.map { lines($0, neutral: true) }
        if let f = p.frequencyHz {
            var o: JSONObject = ["L1": .double(f.l1)]
            o["L2"] = f.l2.map(JSONValue.double)
            o["L3"] = f.l3.map(JSONValue.double)
            object["frequency_Hz"] = .object(o)
        }
        return JSONWriter.nlohmann.bytes(.object(object))
    }

    /// The module's shape: rapidyaml in its field order with fixed decimals, written straight
    /// to bytes (a meter reading changes every second while charging).
    private func rymlPowermeter(_ p: PowermeterReading) -> JSONStream {
        let d = decimalPlaces
        var out = JSONStream(layout: .ryml, capacity: 320)
        func number(_ v: Double?, _ key: StaticString, _ field: EverestDecimalPlaces.Field) {
            guard let v else { return }
            out.key(key)
            EverestDecimalPlaces.write(v, field, to: &out)
        }
        func totals(_ t: PowermeterReading.Totals?, _ key: StaticString, _ field: EverestDecimalPlaces.Field) {
            guard let t else { return }
            out.key(key)
            out.beginObject()
            number(t.total, "total", field)
            number(t.l1, "L1", field)
            number(t.l2, "L2", field)
            number(t.l3, "L3", field)
            out.endObject()
        }
        func lines(
            _ l: PowermeterReading.Lines?, _ key: StaticString, _ field: EverestDecimalPlaces.Field, neutral: Bool
        ) {
            guard let l else { return }
            out.key(key)
            out.beginObject()
            number(l.dc, "DC", field)
            number(l.l1, "L1", field)
            number(l.l2, "L2", field)
            number(l.l3, "L3", field)
            if neutral { number(l.n, "N", field) }
            out.endObject()
        }
        out.beginObject()
        out.key("timestamp")
        out.plainString { wallTime.appendRFC3339(at: p.timestamp, milliseconds: false, to: &$0) }
        if let meterID = p.meterID {
            out.key("meter_id")
            out.string(meterID)
        }
        if let error = p.phaseSeqError {
            out.key("phase_seq_error")
            out.bool(error)
        }
        totals(p.energyWhImport, "energy_Wh_import", d.powermeterEnergyImport)
        totals(p.energyWhExport, "energy_Wh_export", d.powermeterEnergyExport)
        totals(p.powerW, "power_W", d.powermeterPower)
        lines(p.voltageV, "voltage_V", d.powermeterVoltage, neutral: false)
        totals(p.reactivePowerVAR, "VAR", d.powermeterVAR)
        lines(p.currentA, "current_A", d.powermeterCurrent, neutral: true)
        if let f = p.frequencyHz {
            out.key("frequency_Hz")
            out.beginObject()
            number(f.l1, "L1", d.powermeterFrequency)
            number(f.l2, "L2", d.powermeterFrequency)
            number(f.l3, "L3", d.powermeterFrequency)
            out.endObject()
        }
        out.endObject()
        return out
    }
}
