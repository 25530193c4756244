import EVSEModel

/// A scenario file read, validated and resolved against the profile library: ready to run.
public struct PreparedScenario: Sendable {
    public var document: ScenarioDocument
    public var station: StationProfile
    public var vehicle: VehicleProfile

    /// Reads and validates `bytes` (the contents of `file`), and resolves its profiles.
    ///
    /// - Throws: ``ScenarioValidationError`` with every issue found; nothing has run.
    public init(bytes: [UInt8], file: String, library: ProfileLibrary, seed: UInt64? = nil)
        throws(ScenarioValidationError)
    {
        var document = try ScenarioDocument(parsing: bytes, file: file, catalog: StationConditions.catalog(library))
        if let seed { document.seed = seed }
        self.document = document
        self.station = try library.stationProfile(document.station, file: file)
        self.vehicle = try library.vehicleProfile(document.vehicle, file: file)
    }

    /// A runner for this scenario.
    public func runner(options: RunOptions = RunOptions()) -> ScenarioRunner {
        ScenarioRunner(document: document, station: station, vehicle: vehicle, options: options)
    }
}
