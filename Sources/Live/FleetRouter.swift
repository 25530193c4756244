import EverestAPI
import SystemAPI

/// Which station of a fleet an incoming MQTT message is for, found from the topic's EVSE or
/// module id: one entry per station rather than one per topic (a fleet of 10,000 stations
/// subscribes to 200,000 topics).
struct FleetRouter {
    /// Positions by EVSE id (`everest_api/<evse>/cmd/<name>`).
    private var byEVSE: [String: Int] = [:]
    /// Positions by system module id (`everest_api/1/system/<id>/e2m/<name>`).
    private var bySystemModule: [String: Int] = [:]
    /// The station that answers the shared topics (`everest_api/ocpp/cmd/…`), if this process has it.
    private var sharedTopicsOwner: Int?
    /// The topic names (their prefix) of the fleet's EVSEs.
    private let topics: EverestTopics

    /// A router for `stations`, by position; the first station wins an id two of them share.
    init(stations: [LiveStation]) {
        topics = stations[0].host.everest.topics
        for (position, station) in stations.enumerated() {
            let everest = station.host.everest
            if byEVSE[everest.evseID] == nil { byEVSE[everest.evseID] = position }
            if let module = station.host.system?.topics.moduleID, bySystemModule[module] == nil {
                bySystemModule[module] = position
            }
            if everest.configuration.publishesSharedTopics, sharedTopicsOwner == nil { sharedTopicsOwner = position }
        }
    }

    /// The position of the station whose id `topic` names; that station still decides whether
    /// it handles the topic.
    func position(for topic: String) -> Int? {
        if let id = topics.evseID(inCommandTopic: topic), let position = byEVSE[String(id)] { return position }
        if let id = SystemTopics.moduleID(inRequestTopic: topic) { return bySystemModule[String(id)] }
        return sharedTopicsOwner
    }
}
