import SimCore

/// An electric vehicle: battery, on-board charger and charging behaviour.
public struct VehicleProfile: Hashable, Sendable {
    public var id: String = "generic-7kw-1ph"
    public var description: String = ""
    /// Usable battery capacity (kWh).
    public var batteryKWh: Double = 40
    /// Phases the on-board charger uses (1 or 3).
    public var phases: Int = 1
    /// Maximum current per phase the on-board charger draws (A).
    public var maxCurrentAmps: Double = 32
    /// State of charge at plug-in (0…1).
    public var soc: Double = 0.3
    /// The EV stops charging (pilot back to B) at this state of charge (0…1).
    public var targetSoc: Double = 0.8
    /// Charging curve: power limit (kW) from each SoC breakpoint upward; a step function so that
    /// current is constant between events and energy integrates exactly.
    public var curve: [CurvePoint] = [CurvePoint(soc: 0, kW: 22)]
    /// Current ramp (A/s) when the offered current rises; reductions are followed at once.
    public var rampAmpsPerSecond: Double = 10
    /// Size of one ramp step (A).
    public var rampStepAmps: Double = 1
    /// Time from the EV seeing a valid PWM to closing S2 (pilot B → C), and from PWM loss back to B.
    public var responseDelay: SimDuration = .milliseconds(800)
    /// Charger efficiency from the grid to the battery.
    public var efficiency: Double = 0.92
    /// How far the EV's current may exceed the offered current (A); 0 for a compliant EV.
    public var overdrawToleranceAmps: Double = 0
    /// The EV requests ventilation (pilot D instead of C).
    public var requiresVentilation: Bool = false

    public init() {}

    /// One breakpoint of the charging curve.
    public struct CurvePoint: Hashable, Sendable {
        public var soc: Double
        public var kW: Double
        public init(soc: Double, kW: Double) {
            self.soc = soc
            self.kW = kW
        }
    }

    /// The power limit (W) at `soc` and the SoC at which it next changes (nil if never).
    public func curveLimit(at soc: Double) -> (watts: Double, nextBreakpoint: Double?) {
        var watts = (curve.first?.kW ?? 0) * 1000
        var next: Double? = nil
        for p in curve {
            if p.soc <= soc {
                watts = p.kW * 1000
            } else {
                next = p.soc
                break
            }
        }
        return (watts, next)
    }
}
