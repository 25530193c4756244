/// One measured figure, with how it was measured and the goal it is held against.
public struct BenchmarkResult: Sendable {
    public var name: String
    public var value: Double
    public var unit: String
    /// The goal, as text (e.g. "> 20 M/s"), and whether it was met; nil when there is none.
    public var goal: String?
    public var met: Bool?
    public var method: String

    public init(name: String, value: Double, unit: String, goal: String? = nil, met: Bool? = nil, method: String) {
        self.name = name
        self.value = value
        self.unit = unit
        self.goal = goal
        self.met = met
        self.method = method
    }
}
