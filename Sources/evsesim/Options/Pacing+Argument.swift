import ArgumentParser
import SimCore

/// `--speed max|realtime|xN`, parsed once by ArgumentParser.
extension Pacing: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
    public var defaultValueDescription: String { description }
}
