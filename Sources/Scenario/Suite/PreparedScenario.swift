import EVSEModel
import RAPI

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
        do {
            _ = try RAPIFace(profile: station)
        } catch {
            throw ScenarioValidationError(
                file: file,
                issues: [
                    ScenarioIssue(
                        at: document.station.overrides.location, file: file, path: document.station.path,
                        expected: "a station the RAPI face can serve", found: "\(error)")
                ])
        }
        self.vehicle = try library.vehicleProfile(document.vehicle, file: file)
    }

    /// A runner for this scenario.
    /// - Throws: never for a scenario prepared by ``init(bytes:file:library:seed:)``, which has
    ///   already checked that the RAPI face can serve the station.
    public func runner(options: RunOptions = RunOptions()) throws(RAPIFaceConfigurationError) -> ScenarioRunner {
        try ScenarioRunner(document: document, station: station, vehicle: vehicle, options: options)
    }
}
