import EVSEModel
import JSON

extension VehicleProfile {
    /// The keys a vehicle profile file (or a scenario's `"vehicle"` overrides) may set.
    static var jsonFields: ProfileFields<VehicleProfile> {
        ProfileFields(fields: [
            .string("id", \.id), .string("description", \.description), .number("batteryKWh", \.batteryKWh),
            .integer("phases", \.phases), .number("maxCurrentAmps", \.maxCurrentAmps), .number("soc", \.soc),
            .number("targetSoc", \.targetSoc), .init(key: "curve", apply: readCurve),
            .number("rampAmpsPerSecond", \.rampAmpsPerSecond), .number("rampStepAmps", \.rampStepAmps),
            .duration("responseDelay", \.responseDelay), .number("efficiency", \.efficiency),
            .number("overdrawToleranceAmps", \.overdrawToleranceAmps),
            .bool("requiresVentilation", \.requiresVentilation),
        ])
    }

    /// `"curve": [{"soc": 0, "kW": 11}, …]`, which replaces the whole curve.
    private static func readCurve(_ profile: inout VehicleProfile, _ node: JSONNode, _ reader: inout DocumentReader) {
        guard let elements = reader.elements(node, expected: #"an array of {"soc", "kW"} points"#) else { return }
        var curve: [CurvePoint] = []
        for element in elements {
            guard
                let fields = reader.fields(
                    element, of: "a curve point", allowed: ["soc", "kW"], required: ["soc", "kW"]),
                let socNode = fields["soc"], let kWNode = fields["kW"]
            else { continue }
            if let soc = reader.number(socNode), let kW = reader.number(kWNode) {
                curve.append(CurvePoint(soc: soc, kW: kW))
            }
        }
        profile.curve = curve
    }
}
