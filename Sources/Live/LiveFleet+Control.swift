public import Scenario

extension LiveFleet {
    /// Applies a control-API action to the station at `position`, at the fleet's present
    /// instant (the loop has run the fleet up to the instant it stamped on the request).
    /// - Parameters:
    ///   - action: The action, read by the scenario reader.
    ///   - request: The action object as JSON text, recorded in the trace for replay.
    public func perform(_ action: ScenarioAction, request: [UInt8], onStationAt position: Int) {
        let station = stations[position]
        station.catchUp(to: now)
        station.perform(action, request: request)
    }
}
