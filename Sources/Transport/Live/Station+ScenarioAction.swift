import EVSEModel
import Scenario

extension Station {
    /// Applies a scenario's `do` step at ``now``, exactly as the fast runner does.
    ///
    /// The runner's own mapping is internal to the Scenario module; live mode keeps this copy
    /// rather than widen the runner's API. Station-side operations act on the station directly,
    /// without a protocol face, as in fast mode.
    mutating func perform(_ action: ScenarioAction) {
        switch action {
        case .plug: apply(.plug)
        case .unplug: apply(.unplug)
        case .evPause: apply(.evPause)
        case .evResume: apply(.evResume)
        case .setSoc(let soc): apply(.setSoc(soc))
        case .setTargetSoc(let soc): apply(.setTargetSoc(soc))
        case .ventilation(let on): apply(.ventilation(on))
        case .setAmbient(let celsius): apply(.setAmbient(celsius: celsius))
        case .fault(let fault): apply(.injectFault(fault))
        case .clearFault(let fault): apply(.clearFault(fault))
        case .powerCut(let duration): apply(.powerCut(duration))
        case .powerRestore: apply(.powerRestore)
        case .evOverdraw(let amps): apply(.evOverdraw(amps: amps))
        case .setCurrent(let amps, let mode):
            _ = setCurrentCapacity(amps, mode: mode == .persistent ? .persistent : .volatile)
        case .enable: enable()
        case .disable: disable()
        case .sleep: sleep()
        case .heartbeat(let interval, let current): _ = setHeartbeat(interval: interval, current: current)
        case .heartbeatPulse: _ = heartbeatPulse()
        case .setLimit(let limit):
            switch limit {
            case .amps(let amps): setExternalLimit(amps: amps)
            case .watts(let watts): setExternalLimit(amps: nil, watts: watts)
            case .ampsOnPhases(let amps, let phases): setExternalLimit(amps: amps, phases: phases)
            }
        case .enableDisable(let source, let state, let priority):
            _ = enableDisable(EnableDisableRow(source: source, state: state, priority: priority))
        case .pauseCharging: pauseCharging()
        case .resumeCharging: resumeCharging()
        case .stopCharging: stopTransaction()
        case .ukRandomDelay(let command): ukRandomDelay(command)
        case .ukRandomDelayMax(let seconds): setRandomDelayMax(seconds: seconds)
        case .ocppStatus(let status): setOCPPStatus(status.rawValue)
        }
    }
}
