/// A station profile the RAPI face cannot be built from.
public struct RAPIFaceConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public enum Problem: Hashable, Sendable {
        /// `commandSet` names no known firmware build.
        case unknownCommandSet(String)
        /// `rapiQuirks` names a quirk that does not exist.
        case unknownQuirk(String)
    }

    /// What is wrong.
    public var problem: Problem
    /// The profile's id, for the message.
    public var profileID: String

    /// An error about the profile `profileID`.
    public init(_ problem: Problem, profileID: String) {
        self.problem = problem
        self.profileID = profileID
    }

    /// What is wrong and what would be accepted.
    public var description: String {
        switch problem {
        case .unknownCommandSet(let name):
            let known = RAPIFirmware.allCases.map(\.rawValue).joined(separator: ", ")
            return "station profile \"\(profileID)\": unknown RAPI command set \"\(name)\"; known: \(known)"
        case .unknownQuirk(let name):
            let known = RAPIQuirks.names.joined(separator: ", ")
            return "station profile \"\(profileID)\": unknown RAPI quirk \"\(name)\"; known quirks: \(known)"
        }
    }
}
