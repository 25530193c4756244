import EVSEModel
import RAPI
import SimCore

/// Something a scenario does (`{"do": …}`): an action on the station (the world, the vehicle,
/// station-side operations), or a fault on the RAPI serial line.
public enum ScenarioAction: Hashable, Sendable {
    /// An action on the station (every `do` but `serialFault`).
    case station(StationAction)
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
        /// `"do": "authorize"`
        case authorize
        /// `"do": "reserve"`
        case reserve
        /// `"do": "cancelReservation"`
        case cancelReservation
        /// `"do": "ukRandomDelay"`
        case ukRandomDelay
        /// `"do": "ukRandomDelayMax"`
        case ukRandomDelayMax
        /// `"do": "ocppStatus"`
        case ocppStatus
        /// `serialFault`.
        case serialFault
        /// `"do": "systemFault"`: arm (or with `"active": false` clear) a system API failure.
        case systemFault

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
            case .systemFault: ["fault", "active"]
            default: []
            }
        }

        /// The parameter keys that must be present.
        public var requiredParameters: [String] {
            switch self {
            case .powerCut, .setLimit: []
            case .setCurrent: ["amps"]
            case .serialFault, .systemFault: ["fault"]
            default: parameters
            }
        }
    }
}
