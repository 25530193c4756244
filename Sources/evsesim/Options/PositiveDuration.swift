import ArgumentParser
import SimCore

/// A duration option longer than zero, such as `--duration 90s` or `2h`.
struct PositiveDuration: ExpressibleByArgument, Sendable {
    var value: SimDuration

    init(_ value: SimDuration) { self.value = value }

    init?(argument: String) {
        guard let d = try? SimDuration(parsing: argument), d > .zero else { return nil }
        value = d
    }

    var defaultValueDescription: String { "\(value)" }
}
