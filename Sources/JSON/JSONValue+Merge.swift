extension JSONValue {
    /// Deep-merges `override` onto this value (a profile), as scenario overrides need.
    ///
    /// Where both sides are objects the members are merged key by key, recursively: keys only
    /// in the profile stay as they are, keys in the override replace or are appended. Any other
    /// override value (a number, a string, an array, `null`) replaces the profile's value
    /// whole. Replaced values keep the override's locations, so a later type error in the
    /// merged document points into the scenario file that wrote it, not into the profile.
    /// Unlike RFC 7386 merge patches, `null` is a value here, not a deletion: a profile loader
    /// that sees it can then say exactly which scenario line set it.
    ///
    /// - Parameter override: The scenario's override object (or any value).
    /// - Returns: The merged value.
    public func merging(_ override: JSONValue) -> JSONValue {
        guard case .object(var merged) = kind, case .object(let patch) = override.kind else {
            return override
        }
        for member in patch.members {
            let value = merged[member.key].map { $0.merging(member.value) } ?? member.value
            var replacement = member
            replacement.value = value
            if let existing = merged.member(member.key), existing.value.objectValue != nil,
                member.value.objectValue != nil
            {
                // Both objects: the merged object still "is" the profile's, so its key keeps the
                // profile's location; the members inside carry their own.
                replacement.keyLocation = existing.keyLocation
                replacement.value.location = existing.value.location
            }
            merged.set(replacement)
        }
        return JSONValue(.object(merged), location: location)
    }
}
