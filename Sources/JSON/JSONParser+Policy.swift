extension JSONParser {
    /// What a parser accepts beyond the grammar both policies share.
    public struct Policy: Hashable, Sendable {
        /// How deeply arrays and objects may nest; deeper input is rejected rather than risking
        /// the stack on a hostile or broken document.
        public var maximumDepth: Int
        /// Whether a key repeated in one object is an error (else the last value wins).
        public var rejectsDuplicateKeys: Bool
        /// How many values (scalars, arrays, objects) one document may hold: every parsed value
        /// costs a 24-byte node however short its text, and reading it builds 32-byte views, so
        /// the count bounds memory (README "Limits").
        public var maximumValues: Int

        /// Creates a policy.
        public init(maximumDepth: Int, rejectsDuplicateKeys: Bool, maximumValues: Int = .max) {
            self.maximumDepth = maximumDepth
            self.rejectsDuplicateKeys = rejectsDuplicateKeys
            self.maximumValues = maximumValues
        }

        /// Files people write (scenarios, profiles, fleets): a repeated key is a mistake, and
        /// 64 levels are far more than any of them needs.
        public static let authoring = Policy(maximumDepth: 64, rejectsDuplicateKeys: true)

        /// MQTT payloads, read as the real module's nlohmann `json::parse` reads them: a repeated
        /// key keeps its last value. nlohmann has no depth limit, but a value nested deeper
        /// than 512 levels would overflow the stack when it is compared or freed, and no EVerest
        /// payload nests more than three.
        public static let nlohmann = Policy(maximumDepth: 512, rejectsDuplicateKeys: false)
    }
}
