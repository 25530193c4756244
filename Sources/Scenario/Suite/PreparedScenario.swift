import EVSEModel
import JSON

/// A scenario file read, validated and resolved against the profile library: ready to run.
public struct PreparedScenario: Sendable {
    public var document: ScenarioDocument
    public var station: StationProfile
    public var vehicle: VehicleProfile

    /// Reads and validates `bytes` (the contents of `file`), and resolves its profiles.
    ///
    /// The scenario's own issues and those of its `station`/`vehicle` overrides are found in one
    /// pass, so an author sees every problem at once.
    /// - Throws: ``ScenarioValidationError`` with every issue found; nothing has run.
    public init(
        bytes: [UInt8], file: String, library: ProfileLibrary, seed: UInt64? = nil,
        limits: ScenarioLimits = .standard
    ) throws(ScenarioValidationError) {
        if let issue = limits.fileSizeIssue(size: bytes.count, file: file) {
            throw ScenarioValidationError(file: file, issues: [issue])
        }
        let json = try DocumentReader.parse(bytes, file: file, maximumValues: limits.values)
        var catalog = StationConditions.catalog(library)
        catalog.limits = limits
        var issues: [ScenarioIssue] = []
        var document: ScenarioDocument?
        do {
            document = try ScenarioDocument(json: json, file: file, catalog: catalog)
        } catch {
            issues = error.issues
        }
        let profiles = Self.profiles(of: json, file: file, library: library, issues: &issues)
        guard issues.isEmpty, var document, let (station, vehicle) = profiles else {
            throw ScenarioValidationError(file: file, issues: Self.ordered(issues, file: file))
        }
        if let seed { document.seed = seed }
        self.document = document
        self.station = station
        self.vehicle = vehicle
    }

    /// The station and vehicle profiles with the scenario's overrides applied; the issues of
    /// both are added to `issues` (a name that does not exist is the document's own issue).
    static func profiles(of json: JSONValue, file: String, library: ProfileLibrary, issues: inout [ScenarioIssue])
        -> (StationProfile, VehicleProfile)?
    {
        var names = DocumentReader(file: file)
        func selection(_ key: String, _ choices: [String]) -> ProfileSelection? {
            json[key].flatMap {
                names.profileSelection(JSONNode($0, path: JSONPath.root.appending(key)), kind: key, names: choices)
            }
        }
        var station: StationProfile?
        if let s = selection("station", library.stationNames) {
            do {
                station = try library.stationProfile(s, file: file)
            } catch {
                issues += error.issues
            }
        }
        var vehicle: VehicleProfile?
        do {
            let s = selection("vehicle", library.vehicleNames)
            // No `vehicle` means the default one; a selection that did not read is the document's issue.
            if json["vehicle"] == nil || s != nil { vehicle = try library.vehicleProfile(s, file: file) }
        } catch {
            issues += error.issues
        }
        guard let station, let vehicle else { return nil }
        return (station, vehicle)
    }

    /// The scenario's own issues first in document order, then any located in profile files.
    static func ordered(_ issues: [ScenarioIssue], file: String) -> [ScenarioIssue] {
        var seen = Set<ScenarioIssue>()
        return issues.filter { seen.insert($0).inserted }.enumerated().sorted { a, b in
            (a.element.file == file ? 0 : 1, a.element.line, a.element.column, a.offset)
                < (b.element.file == file ? 0 : 1, b.element.line, b.element.column, b.offset)
        }.map(\.element)
    }

    /// Legitimate but surprising setups, printed when the scenario starts (not errors).
    public var warnings: [String] { Self.warnings(station: station, vehicle: vehicle) }

    /// What is surprising about putting `vehicle` on `station`: a 3-phase EV on a 1-phase station
    /// is a fair test, but it charges at a third of what its profile suggests.
    public static func warnings(station: StationProfile, vehicle: VehicleProfile) -> [String] {
        var out: [String] = []
        if vehicle.phases > station.phases {
            out.append(
                "the vehicle \(vehicle.id) charges on \(vehicle.phases) phases but the station \(station.id) "
                    + "supplies \(station.phases): it draws on \(station.phases) phase\(station.phases == 1 ? "" : "s") only"
            )
        }
        return out
    }

    /// A runner for this scenario.
    public func runner(options: RunOptions = RunOptions()) -> ScenarioRunner {
        ScenarioRunner(document: document, station: station, vehicle: vehicle, options: options)
    }
}
