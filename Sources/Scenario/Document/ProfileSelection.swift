import JSON

/// `"station": {"profile": "openevse-8.2.3-uk", …overrides}` (or `"vehicle"`): which profile to
/// load and what to change in it.
public struct ProfileSelection: Hashable, Sendable {
    /// The profile's name, already checked against the catalog.
    public var profile: String
    /// Every other member of the selection, as an object with its locations in the scenario.
    public var overrides: JSONValue
    /// Where the selection is in the scenario, e.g. `$.station`.
    public var path: JSONPath

    /// Creates a selection.
    public init(profile: String, overrides: JSONValue = [:], path: JSONPath = .root) {
        self.profile = profile
        self.overrides = overrides
        self.path = path
    }

    /// The loaded profile with the overrides deep-merged onto it (see ``JSONValue/merging(_:)``):
    /// overridden values keep their scenario locations for the profile loader's messages.
    public func applied(to profile: JSONValue) -> JSONValue { profile.merging(overrides) }

    /// The overrides as a node at the selection's path, so messages name the path the author
    /// wrote (`$.station.relayCloseDelay`).
    var overridesNode: JSONNode { JSONNode(overrides, path: path) }
}
