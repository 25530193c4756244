import ArgumentParser
import EverestAPI

/// `--flavor everest|documented`; `everest-2026`, the default's former name, is still accepted.
extension EverestAPIFlavor: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }

    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
