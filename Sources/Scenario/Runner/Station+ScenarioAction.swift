import EVSEModel
import RAPI

extension Station {
    /// Applies a scenario's `do` step at ``now``: the one mapping from scenario actions to the
    /// station, used by fast runs and live sessions alike.
    ///
    /// Station-side operations act on the station directly, without a protocol face; a
    /// serial-line fault goes to the RAPI face, whose trace records are returned.
    public mutating func perform(_ action: ScenarioAction, rapi: inout RAPIFace) -> [TraceRecord] {
        switch action {
        case .plug: apply(.plug)
        case .unplug: apply(.unplug)
        case .evPause: apply(.evPause)
        case .evResume: apply(.evResume)
        case .setSoc(let s): apply(.setSoc(s))
        case .setTargetSoc(let s): apply(.setTargetSoc(s))
        case .ventilation(let on): apply(.ventilation(on))
        case .setAmbient(let c): apply(.setAmbient(celsius: c))
        case .fault(let f): apply(.injectFault(f))
        case .clearFault(let f): apply(.clearFault(f))
        case .powerCut(let d): apply(.powerCut(d))
        case .powerRestore: apply(.powerRestore)
        case .evOverdraw(let a): apply(.evOverdraw(amps: a))
        case .setCurrent(let amps, let mode):
            setCurrentCapacity(amps, mode: mode == .persistent ? .persistent : .volatile)
        case .enable: enable()
        case .disable: disable()
        case .sleep: sleep()
        case .heartbeat(let interval, let current): _ = setHeartbeat(interval: interval, current: current)
        case .heartbeatPulse: _ = heartbeatPulse()
        case .setLimit(let limit):
            switch limit {
            case .amps(let a): setExternalLimit(amps: a)
            case .watts(let w): setExternalLimit(amps: nil, watts: w)
            case .ampsOnPhases(let a, let p): setExternalLimit(amps: a, phases: p)
            }
        case .enableDisable(let source, let state, let priority):
            enableDisable(EnableDisableRow(source: source, state: state, priority: priority))
        case .pauseCharging: pauseCharging()
        case .resumeCharging: resumeCharging()
        case .stopCharging: stopTransaction()
        case .ukRandomDelay(let c): ukRandomDelay(c)
        case .ukRandomDelayMax(let s): setRandomDelayMax(seconds: s)
        case .ocppStatus(let s): setOCPPStatus(s.rawValue)
        case .serialFault(let f): return rapi.inject(f, station: &self).records
        }
        return []
    }
}
