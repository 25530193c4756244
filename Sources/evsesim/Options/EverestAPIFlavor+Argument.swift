import ArgumentParser
import EverestAPI

/// `--flavor documented|everest-2026`; ArgumentParser lists the cases in `--help`.
extension EverestAPIFlavor: ExpressibleByArgument {}
