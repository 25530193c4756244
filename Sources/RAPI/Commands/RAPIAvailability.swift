/// Whether a firmware build answers a command.
public enum RAPIAvailability: String, Hashable, Sendable, Codable {
    /// Present and working.
    case available
    /// In this firmware's source but compiled out of the official build: answers `$NK`.
    case compiledOut
    /// Not in this firmware at all (added later or removed): answers `$NK` as unknown.
    case absent

    /// Whether the command is executed (otherwise the answer is a bare `$NK`).
    public var isAvailable: Bool { self == .available }
}
