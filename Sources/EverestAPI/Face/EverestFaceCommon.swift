import EVSEModel
import SimCore

/// The part of an EVerest face that the faces of a fleet have in common: the configuration
/// without the EVSE's own parts (its id, its connectors, whether it publishes the shared
/// topics), and the payload encoder. Faces hold it in a `SharedValue`.
struct EverestFaceCommon: Equatable, Sendable {
    /// The configuration, with `evseID` and `connectorIDs` nil and `publishesSharedTopics` off.
    let configuration: EverestFaceConfiguration
    /// The payload encoder (flavour, wall time, decimals).
    let encoder: EverestPayloadEncoder

    init(_ configuration: EverestFaceConfiguration, wallTime: WallTime) {
        var common = configuration
        common.evseID = nil
        common.connectorIDs = nil
        common.publishesSharedTopics = false
        self.configuration = common
        encoder = EverestPayloadEncoder(
            flavor: configuration.flavor, wallTime: wallTime, decimalPlaces: configuration.decimalPlaces)
    }
}
