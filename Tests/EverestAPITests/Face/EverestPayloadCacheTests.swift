import EVSEModel
import SimCore
import Testing
import Wire

@testable import EverestAPI

/// Payloads that did not change are reused, not re-encoded; the bytes on the wire and in the
/// trace are the same as when every payload is encoded every second.
@Suite("EVerest face: payload caching changes no byte")
struct EverestPayloadCacheTests {
    /// A session with everything that moves the cached topics: plug, limits, phase switching,
    /// a fault and its clearing, OCPP status, unplug.
    static func session(cached: Bool, flavor: EverestAPIFlavor, threePhase: Bool) -> FaceRig {
        var rig =
            threePhase
            ? FaceRig.threePhase()
            : FaceRig(configuration: EverestFaceConfiguration(flavor: flavor, traceTelemetry: true))
        if threePhase {
            rig.face = EverestFace(
                station: rig.station, configuration: EverestFaceConfiguration(flavor: flavor, traceTelemetry: true))
        }
        rig.face.payloadCache.isEnabled = cached
        rig.run(seconds: 3)
        rig.charge()
        rig.send(.setLimitAmps, "10")
        rig.run(seconds: 5)
        if threePhase {
            rig.send(.setLimitAmpsPhases, #"{"amps": 16, "phases": 1}"#)
            rig.run(seconds: 5)
        }
        rig.station.setOCPPStatus(.connected)
        rig.apply(.injectFault(.gfi))
        rig.run(seconds: 4)
        rig.apply(.clearFault(.gfi))
        rig.run(seconds: 2)
        rig.apply(.unplug)
        rig.run(seconds: 30)
        return rig
    }

    @Test(
        "every publication and trace record is identical with and without the cache",
        arguments: [EverestAPIFlavor.documented, .everest2026], [false, true])
    func identical(flavor: EverestAPIFlavor, threePhase: Bool) {
        let cached = Self.session(cached: true, flavor: flavor, threePhase: threePhase)
        let fresh = Self.session(cached: false, flavor: flavor, threePhase: threePhase)
        #expect(cached.published.count == fresh.published.count)
        #expect(cached.published.count > 200)
        for (a, b) in zip(cached.published, fresh.published) {
            #expect(a.topic == b.topic && a.payload == b.payload, "\(a.topic): \(a.payloadText) ≠ \(b.payloadText)")
        }
        #expect(cached.records == fresh.records)
        // The cache really was used, and really let changes through.
        #expect(cached.face.payloadCache.telemetry.payload != nil && fresh.face.payloadCache.telemetry.payload == nil)
        let limits = Set(cached.published.filter { $0.topic == cached.face.topics.variable(.limits) }.map(\.payload))
        #expect(limits.count >= 2)
    }
}
