import EVSEModel

/// One feature id of `$FF <id> 0|1` (open_evse `processCmd()`, case `FF`).
public struct RAPIFeatureSwitch: Hashable, Sendable {
    /// The id character, e.g. `E`.
    public var id: UInt8
    /// What the switch controls.
    public var summary: String
    /// The builds whose `$FF` knows this id; the others answer `$NK`.
    public var firmwares: Set<RAPIFirmware>

    /// A feature id available in `firmwares`.
    public init(_ id: Character, summary: String, firmwares: Set<RAPIFirmware>) {
        self.id = id.asciiValue ?? 0
        self.summary = summary
        self.firmwares = firmwares
    }
}
