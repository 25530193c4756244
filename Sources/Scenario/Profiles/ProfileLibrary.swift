import EVSEModel
import JSON

/// The station and vehicle profiles a scenario can name, read from a `Profiles/` folder.
///
/// A profile file lists only what differs from the built-in defaults; a scenario's overrides are
/// merged on top. Unknown keys and ill-typed values are reported with the file, JSON path and
/// line:column of the offending text — in the profile file or in the scenario, wherever the
/// value came from.
public struct ProfileLibrary: Sendable {
    /// The folder the profiles were read from.
    public var directory: String
    /// Station profiles by id, as parsed JSON (with locations).
    public private(set) var stations: [String: JSONValue] = [:]
    /// Vehicle profiles by id.
    public private(set) var vehicles: [String: JSONValue] = [:]

    /// Reads `stations/*.json` and `vehicles/*.json` under `directory` from `files`.
    ///
    /// - Throws: ``ScenarioValidationError`` listing every malformed profile file.
    public init(directory: String, files: some FileSource) throws(ScenarioValidationError) {
        self.directory = directory
        var issues: [ScenarioIssue] = []
        for (folder, isStation) in [("stations", true), ("vehicles", false)] {
            let dir = directory + "/" + folder
            for name in files.jsonFiles(in: dir) {
                let path = dir + "/" + name
                do {
                    let json = try DocumentReader.parse(files.read(path), file: path)
                    let id = json["id"]?.stringValue ?? String(name.dropLast(5))
                    // Check the file on its own, so a broken profile is reported even when no
                    // scenario uses it.
                    if isStation {
                        _ = try StationProfile.jsonFields.decode(
                            onto: StationProfile(), layers: [JSONNode(json)], file: path)
                        stations[id] = json
                    } else {
                        _ = try VehicleProfile.jsonFields.decode(
                            onto: VehicleProfile(), layers: [JSONNode(json)], file: path)
                        vehicles[id] = json
                    }
                } catch let e as ScenarioValidationError {
                    issues += e.issues
                } catch {
                    issues.append(
                        ScenarioIssue(
                            file: path, path: .root, line: 0, column: 0, expected: "a readable file", found: "\(error)")
                    )
                }
            }
        }
        if !issues.isEmpty { throw ScenarioValidationError(file: directory, issues: issues) }
    }

    /// Sorted profile names, for messages and `evsesim list`.
    public var stationNames: [String] { stations.keys.sorted() }
    public var vehicleNames: [String] { vehicles.keys.sorted() }

    /// The station profile a scenario selects, with its overrides applied.
    public func stationProfile(_ selection: ProfileSelection, file: String) throws(ScenarioValidationError)
        -> StationProfile
    {
        guard let base = stations[selection.profile] else {
            throw unknown(selection, file: file, kind: "station", names: stationNames)
        }
        return try StationProfile.jsonFields.decode(
            onto: StationProfile(), layers: [JSONNode(base), selection.overridesNode], file: file)
    }

    /// The vehicle profile a scenario selects (the first vehicle profile when it names none).
    public func vehicleProfile(_ selection: ProfileSelection?, file: String) throws(ScenarioValidationError)
        -> VehicleProfile
    {
        guard let selection else {
            guard let first = vehicleNames.first, let json = vehicles[first] else { return VehicleProfile() }
            return try VehicleProfile.jsonFields.decode(onto: VehicleProfile(), layers: [JSONNode(json)], file: file)
        }
        guard let base = vehicles[selection.profile] else {
            throw unknown(selection, file: file, kind: "vehicle", names: vehicleNames)
        }
        return try VehicleProfile.jsonFields.decode(
            onto: VehicleProfile(), layers: [JSONNode(base), selection.overridesNode], file: file)
    }

    func unknown(_ s: ProfileSelection, file: String, kind: String, names: [String]) -> ScenarioValidationError {
        ScenarioValidationError(
            file: file,
            issues: [
                ScenarioIssue(
                    at: s.overrides.location, file: file, path: s.path.appending("profile"),
                    expected: "a \(kind) profile",
                    found: "\"\(s.profile)\"", choices: names,
                    suggestion: NearMiss.suggestion(for: s.profile, among: names))
            ])
    }
}
