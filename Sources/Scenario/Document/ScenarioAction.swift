import EVSEModel
import RAPI
import SimCore

/// Something a scenario does to the world, the vehicle or the station (`{"do": …}`).
///
/// Station-side operations (`setCurrent`, `setLimit`, `enableDisable`, …) act on the station
/// directly, without going through a protocol face, so a scenario can set a situation up
/// without caring which face a real client would use.
public enum ScenarioAction: Hashable, Sendable {
    /// The EV's cable is plugged in.
    case plug
    /// The EV's cable is pulled out.
    case unplug
    /// The EV stops drawing (state C → B) on its own.
    case evPause
    /// The EV asks for energy again (B → C).
    case evResume
    /// Sets the battery's state of charge, 0…1.
    case setSoc(Double)
    /// Sets the SoC at which the EV stops charging, 0…1.
    case setTargetSoc(Double)
    /// The EV requests (or stops requesting) ventilation: pilot state D.
    case ventilation(on: Bool)
    /// Sets the ambient temperature in °C.
    case setAmbient(celsius: Double)
    /// Injects a fault.
    case fault(StationFaultKind)
    /// Clears a fault injected before.
    case clearFault(StationFaultKind)
    /// Cuts the station's supply; `nil` keeps it off until ``powerRestore``.
    case powerCut(for: SimDuration?)
    /// Restores the supply after ``powerCut(for:)``.
    case powerRestore
    /// The EV draws more than offered, by this many amperes.
    case evOverdraw(amps: Double)
    /// Sets the configured capacity, like RAPI `$SC` (persistent unless `volatile`).
    case setCurrent(amps: Int, mode: CurrentSettingMode)
    /// Enables the station, like RAPI `$FE`.
    case enable
    /// Disables the station, like RAPI `$FD`.
    case disable
    /// Puts the station to sleep, like RAPI `$FS`.
    case sleep
    /// Sets up heartbeat supervision, like RAPI `$SY interval current`.
    case heartbeat(intervalSeconds: Int, fallbackAmps: Int)
    /// One heartbeat pulse, like a bare RAPI `$SY`.
    case heartbeatPulse
    /// Sets the external limit, like EVerest `set_limit_amps`/`_watts`/`_amps_phases`.
    case setLimit(ExternalLimit)
    /// Adds an entry to the enable/disable priority table (everest-core `cmd/enable_disable`).
    case enableDisable(source: EnableDisableSource, state: EnableState, priority: Int)
    /// EVSE-initiated pause, like EVerest `pause_charging`.
    case pauseCharging
    /// Ends an EVSE-initiated pause.
    case resumeCharging
    /// Ends the session, like EVerest `stop_charging`.
    case stopCharging
    /// Controls the UK random delay, like EVerest `uk_random_delay`.
    case ukRandomDelay(UKRandomDelayCommand)
    /// Sets the UK random delay's maximum, in seconds.
    case ukRandomDelayMax(seconds: Int)
    /// Sets the OCPP connection state the station reports.
    case ocppStatus(OCPPStatus)
    /// A fault on the RAPI serial line (`corrupt`, `drop` or `delay` the next reply, or `reset`
    /// the controller).
    case serialFault(RAPISerialFault)

    /// The action names as written after `"do"`.
    public enum Name: String, Hashable, Sendable, CaseIterable {
        /// `"do": "plug"`
        case plug
        /// `"do": "unplug"`
        case unplug
        /// `"do": "evPause"`
        case evPause
        /// `"do": "evResume"`
        case evResume
        /// `"do": "setSoc"`
        case setSoc
        /// `"do": "setTargetSoc"`
        case setTargetSoc
        /// `"do": "ventilation"`
        case ventilation
        /// `"do": "setAmbient"`
        case setAmbient
        /// `"do": "fault"`
        case fault
        /// `"do": "clearFault"`
        case clearFault
        /// `"do": "powerCut"`
        case powerCut
        /// `"do": "powerRestore"`
        case powerRestore
        /// `"do": "evOverdraw"`
        case evOverdraw
        /// `"do": "setCurrent"`
        case setCurrent
        /// `"do": "enable"`
        case enable
        /// `"do": "disable"`
        case disable
        /// `"do": "sleep"`
        case sleep
        /// `"do": "heartbeat"`
        case heartbeat
        /// `"do": "heartbeatPulse"`
        case heartbeatPulse
        /// `"do": "setLimit"`
        case setLimit
        /// `"do": "enableDisable"`
        case enableDisable
        /// `"do": "pauseCharging"`
        case pauseCharging
        /// `"do": "resumeCharging"`
        case resumeCharging
        /// `"do": "stopCharging"`
        case stopCharging
        /// `"do": "ukRandomDelay"`
        case ukRandomDelay
        /// `"do": "ukRandomDelayMax"`
        case ukRandomDelayMax
        /// `"do": "ocppStatus"`
        case ocppStatus
        /// `serialFault`.
        case serialFault

        /// The parameter keys the action accepts, required ones first.
        public var parameters: [String] {
            switch self {
            case .setSoc, .setTargetSoc: ["soc"]
            case .ventilation: ["on"]
            case .setAmbient: ["celsius"]
            case .fault, .clearFault: ["fault"]
            case .powerCut: ["for"]
            case .evOverdraw: ["amps"]
            case .setCurrent: ["amps", "mode"]
            case .heartbeat: ["interval", "current"]
            case .setLimit: ["amps", "watts", "phases"]
            case .enableDisable: ["source", "state", "priority"]
            case .ukRandomDelay: ["command"]
            case .ukRandomDelayMax: ["seconds"]
            case .ocppStatus: ["status"]
            case .serialFault: ["fault", "delay"]
            default: []
            }
        }

        /// The parameter keys that must be present.
        public var requiredParameters: [String] {
            switch self {
            case .powerCut, .setLimit: []
            case .setCurrent: ["amps"]
            case .serialFault: ["fault"]
            default: parameters
            }
        }
    }
}

/// Whether `setCurrent` survives a restart (RAPI `$SC n` vs `$SC n V`).
public enum CurrentSettingMode: String, Hashable, Sendable, CaseIterable {
    /// Saved, like `$SC n`.
    case persistent
    /// Lost at restart, like `$SC n V`.
    case volatile
}

/// An external limit on the offered power.
public enum ExternalLimit: Hashable, Sendable {
    /// Amperes per phase.
    case amps(Double)
    /// Total watts.
    case watts(Double)
    /// Amperes per phase with a phase count (1 or 3).
    case ampsOnPhases(Double, phases: Int)
}

/// The OCPP connection state the station reports.
public enum OCPPStatus: String, Hashable, Sendable, CaseIterable {
    /// Not known.
    case unknown
    /// Connected to the CSMS.
    case connected
    /// Not connected.
    case disconnected
}
