import EVSEModel
import Testing

@testable import EverestAPI

/// The faces of a fleet hold their common configuration and encoder once (`SharingSlot`), and
/// each still reads back the configuration it was given.
@Suite struct EverestFaceCommonTests {
    static let station = Station(profile: StationProfile(), vehicle: VehicleProfile(), seed: 1)

    @Test(arguments: [
        EverestFaceConfiguration(),
        EverestFaceConfiguration(evseID: "evse_7", publishesSharedTopics: false),
        EverestFaceConfiguration(
            flavor: .documented, evseID: "evse_0", topicPrefix: "site/", connectorIDs: ["evse_0", "evse_1"],
            traceTelemetry: true),
    ])
    func configurationReadsBack(configuration: EverestFaceConfiguration) {
        var face = EverestFace(station: Self.station, configuration: configuration)
        #expect(face.configuration == configuration)
        #expect(face.publishesSharedTopics == configuration.publishesSharedTopics)
        #expect(face.traceTelemetry == configuration.traceTelemetry)
        #expect(face.encoder.flavor == configuration.flavor)
    }

    @Test func facesOfAFleetKeepTheirOwnParts() {
        let faces = (0..<3).map { k in
            EverestFace(
                station: Self.station,
                configuration: EverestFaceConfiguration(evseID: "evse_\(k)", publishesSharedTopics: k == 0))
        }
        #expect(faces.map(\.evseID) == ["evse_0", "evse_1", "evse_2"])
        #expect(faces.map(\.publishesSharedTopics) == [true, false, false])
        #expect(faces.map(\.configuration.connectorIDs) == [nil, nil, nil])
        #expect(faces.map(\.connectorIDs) == [["evse_0"], ["evse_1"], ["evse_2"]])
    }
}
