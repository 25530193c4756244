/// EvseManager's `limits` var.
public struct LimitsReading: Hashable, Sendable {
    /// The EvseManager module id; absent in the first publication.
    public var uuid: String?
    /// Phases available (1–3).
    public var nrOfPhasesAvailable: Int
    /// The current the charger applies now (after the random delay), A; negative when
    /// discharging.
    public var maxCurrentA: Double

    /// Creates a reading.
    public init(uuid: String? = nil, nrOfPhasesAvailable: Int, maxCurrentA: Double) {
        self.uuid = uuid
        self.nrOfPhasesAvailable = nrOfPhasesAvailable
        self.maxCurrentA = maxCurrentA
    }
}
