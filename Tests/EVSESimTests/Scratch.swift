import Foundation

/// A folder of its own under the system's temporary folder, removed when the test is done.
final class Scratch {
    let url: URL

    init(_ name: String = #function) throws {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "evsesim-\(safe)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// The path of `name` inside the folder.
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `text` to `name` and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let p = path(name)
        try FileManager.default.createDirectory(
            atPath: (p as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: p, atomically: true, encoding: .utf8)
        return p
    }

    /// A small scenario that passes, with `steps` (JSON) and `until`.
    static func scenario(
        name: String = "small", station: String = #"{ "profile": "openevse-8.2.3-us" }"#,
        vehicle: String? = nil, steps: String = #"[ { "expect": { "evse.state": "A" } } ]"#, until: String = "1s"
    ) -> String {
        """
        { "schema": "evsesim/scenario@1", "name": "\(name)", "station": \(station),
          \(vehicle.map { "\"vehicle\": \($0)," } ?? "")
          "steps": \(steps), "until": "\(until)" }
        """
    }
}
