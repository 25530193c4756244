import EverestAPI
import JSON
import Live
import Transport

/// Renders benchmark results as a Markdown table and as JSON.
public enum BenchmarkTable {
    public static func markdown(_ results: [BenchmarkResult]) -> String {
        var out = "| figure | value | goal | met | how it was measured |\n|---|---|---|---|---|\n"
        for r in results {
            let met = r.met.map { $0 ? "yes" : "no" } ?? ""
            out += "| \(r.name) | \(format(r.value, r.unit)) | \(r.goal ?? "") | \(met) | \(r.method) |\n"
        }
        return out
    }

    public static func format(_ v: Double, _ unit: String) -> String {
        switch unit {
        case "events/s", "msg/s", "round trips/s":
            v >= 1e6
                ? "\(fixed(v / 1e6, 1)) M \(unit)"
                : v >= 1e3 ? "\(fixed(v / 1e3, 1)) k \(unit)" : "\(fixed(v, 0)) \(unit)"
        case "s": v < 1 ? "\(fixed(v * 1000, 1)) ms" : "\(fixed(v, 2)) s"
        default: "\(fixed(v, 3)) \(unit)"
        }
    }

    static func fixed(_ v: Double, _ decimals: Int) -> String {
        JSONWriter.nlohmann.string(.fixed(v, decimals: decimals))
    }

    public static func writeJSON(_ results: [BenchmarkResult], to path: String) throws {
        var items: [JSONValue] = []
        for r in results {
            var o = JSONObject()
            o["name"] = .string(r.name)
            o["value"] = .double(r.value)
            o["unit"] = .string(r.unit)
            o["goal"] = r.goal.map { .string($0) }
            o["met"] = r.met.map { .bool($0) }
            o["method"] = .string(r.method)
            items.append(.object(o))
        }
        let file = try TextFile(path: path)
        file.writeLine(JSONWriter.compact.string(.array(items)))
    }
}
