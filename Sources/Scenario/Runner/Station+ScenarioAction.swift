import EVSEModel
import RAPI

extension Station {
    /// Applies a scenario's `do` step at ``now``: the one mapping from scenario actions to the
    /// station, used by fast runs and live sessions alike.
    ///
    /// Station actions act on the station directly, without a protocol face; a serial-line fault
    /// goes to the RAPI face, whose trace records are returned.
    public mutating func perform(_ action: ScenarioAction, rapi: inout RAPIFace) -> [TraceRecord] {
        switch action {
        case .station(let action):
            apply(action)
            return []
        case .serialFault(let f): return rapi.inject(f, station: &self).records
        }
    }
}
