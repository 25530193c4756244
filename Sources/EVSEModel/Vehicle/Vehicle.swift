/// A plugged-in EV: its battery and what it asks of the pilot.
public struct Vehicle: Hashable, Sendable {
    /// The EV's profile (battery, charger, curve).
    public var profile: VehicleProfile
    /// State of charge (0…1).
    public var soc: Double
    /// The state of charge at which the EV stops charging.
    public var targetSoc: Double
    /// The EV has paused charging of its own accord (S2 open).
    public var paused = false
    /// The pilot state the EV presents: B (S2 open), C, or D (ventilation).
    public var presented: PilotState = .b
    /// Current drawn per phase (A); constant between events.
    public var currentAmps: Double = 0
    /// Extra current drawn above the offer, from an `overCurrent` fault or `evOverdraw` (A).
    public var overdrawAmps: Double = 0
    /// The EV asks for ventilation (state D instead of C).
    public var ventilation: Bool

    /// A vehicle from its profile, at the profile's initial and target SoC.
    public init(profile: VehicleProfile) {
        self.profile = profile
        self.soc = min(max(profile.soc, 0), 1)
        self.targetSoc = min(max(profile.targetSoc, 0), 1)
        self.ventilation = profile.requiresVentilation
    }

    /// Whether the battery still wants energy and the driver has not paused.
    public var wantsCharge: Bool { !paused && soc < targetSoc }

    /// Battery energy (J) still needed to reach `soc`.
    func joulesTo(soc level: Double) -> Double { max(0, (level - soc) * profile.batteryKWh * 3.6e6) }

    /// The current per phase the EV would like to draw, given the offer it reads from the pilot.
    func desiredCurrent(offeredAmps: Double, voltage: Double, phases: Int) -> Double {
        guard wantsCharge, offeredAmps >= 6 || overdrawAmps > 0 else { return 0 }
        let curveAmps = profile.curveLimit(at: soc).watts / (voltage * Double(max(phases, 1)))
        let compliant = min(offeredAmps, profile.maxCurrentAmps, curveAmps)
        return max(0, compliant + overdrawAmps + profile.overdrawToleranceAmps)
    }
}
