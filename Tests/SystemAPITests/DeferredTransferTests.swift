import EVSEModel
import SimCore
import SystemAPI
import Testing
import Wire

/// Real transfers handed out to run elsewhere (live: a worker thread): the model waits for
/// their outcome, whichever comes last of it and the simulated duration decides the instant.
@Suite struct DeferredTransferTests {
    struct FakeEffects: SystemEffects {
        func handles(location: String) -> Bool { location.hasPrefix("http://") }
        func retrieveFirmware(location: String, attempts: Int, signature: String?, certificate: String?)
            -> FirmwareUpdateOrder.Retrieval
        { .fetched(bytes: 3, signatureValid: nil) }
        func uploadLog(location: String, fileName: String, bytes: [UInt8]) -> LogStatus { .uploaded }
    }

    let topics = SystemTopics(moduleID: "system")

    func setUp() -> (SystemFace, Station) {
        var face = SystemFace(moduleID: "system", effects: FakeEffects())
        face.defersTransfers = true
        return (face, Station(profile: StationProfile(), vehicle: VehicleProfile(), seed: 1))
    }

    /// The status messages up to `t`, with their instants (as ``SystemFaceTests`` collects them).
    func statuses(_ face: inout SystemFace, _ station: inout Station, until t: SimInstant) -> [String] {
        SystemFaceTests().run(&face, &station, until: t)
    }

    @Test func aDownloadSlowerThanTheModelEndsWhenItsOutcomeArrives() throws {
        var (face, station) = setUp()
        let request = #"{"headers":{"replyTo":"r"},"payload":{"request_id":4,"location":"http://h/f"}}"#
        let out = face.receive(
            topic: topics.topic(for: .updateFirmware), payload: Array(request.utf8), station: &station)
        let transfer = try #require(out.transfers.first)
        _ = face.afterStep(events: station.drainEvents(), station: station)
        #expect(statuses(&face, &station, until: .zero + .seconds(60)).isEmpty, "no Downloaded before the outcome")
        let record = face.finish(transfer, transfer.run(), station: &station)
        #expect(record.kind == "system.transfer")
        let after = face.afterStep(events: station.drainEvents(), station: station).map(\.payloadText)
        #expect(after == [#"{"firmware_update_status":"Downloaded","request_id":4}"#])
    }

    @Test func anUpdateFirmwareFromAnotherFaceIsFetchedLikeTheSystemAPIsOwn() throws {
        var (face, station) = setUp()
        let out = face.updateFirmware(FirmwareUpdateOrder(requestID: -1, location: "http://h/f"), station: &station)
        let transfer = try #require(out.transfers.first)
        guard case .firmware(let location, _, _, _) = transfer.job else { throw TestFailure("not a firmware transfer") }
        #expect(location == "http://h/f")
        #expect(station.system.firmware?.retrieval == .pending(transfer: transfer.number))
        let simulated = face.updateFirmware(
            FirmwareUpdateOrder(requestID: -1, location: "ftp://h/f"), station: &station)
        #expect(simulated.transfers.isEmpty)
        #expect(station.system.firmware?.retrieval == .simulated)
    }

    @Test func anUploadFasterThanTheModelEndsAtTheModelsTime() throws {
        var (face, station) = setUp()
        let request = #"{"headers":{"replyTo":"r"},"payload":{"request_id":9,"location":"http://h/logs/"}}"#
        let out = face.receive(topic: topics.topic(for: .uploadLogs), payload: Array(request.utf8), station: &station)
        let transfer = try #require(out.transfers.first)
        guard case .log(_, _, let bytes) = transfer.job else { throw TestFailure("not a log transfer") }
        #expect(String(decoding: bytes, as: UTF8.self).hasPrefix(#"{"log":"evsesim system module system""#))
        _ = face.afterStep(events: station.drainEvents(), station: station)
        _ = face.finish(transfer, .log(.permissionDenied), station: &station)
        #expect(face.afterStep(events: station.drainEvents(), station: station).isEmpty)
        let statuses = statuses(&face, &station, until: .zero + .seconds(10))
        #expect(statuses == [#"5s {"log_status":"PermissionDenied","request_id":9}"#])
    }

    @Test func anOutcomeForACancelledUpdateIsIgnored() throws {
        var (face, station) = setUp()
        let first = #"{"payload":{"request_id":1,"location":"http://h/a"}}"#
        let second = #"{"payload":{"request_id":2,"location":"ftp://h/b"}}"#
        let out = face.receive(topic: topics.topic(for: .updateFirmware), payload: Array(first.utf8), station: &station)
        let transfer = try #require(out.transfers.first)
        _ = face.receive(topic: topics.topic(for: .updateFirmware), payload: Array(second.utf8), station: &station)
        _ = face.afterStep(events: station.drainEvents(), station: station)
        _ = face.finish(transfer, .firmware(.failed(reason: "late")), station: &station)
        let statuses = statuses(&face, &station, until: .zero + .seconds(30))
        #expect(statuses == [#"20s {"firmware_update_status":"Downloaded","request_id":2}"#])
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
