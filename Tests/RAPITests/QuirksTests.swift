import EVSEModel
import Foundation
import Testing

@testable import RAPI

/// The quirk switches and their profile JSON.
@Suite struct QuirksTests {
    @Test("every quirk defaults to the firmware's behaviour")
    func defaults() {
        let quirks = RAPIQuirks()
        #expect(quirks.echoBug && quirks.silentOverlongDrop && quirks.noReplyToReboot)
        #expect(quirks.switchedOff.isEmpty)
        #expect(RAPIQuirks.names == ["echoBug", "silentOverlongDrop", "noReplyToReboot"])
    }

    @Test("JSON: missing names keep the firmware behaviour, given names switch")
    func decodePartial() throws {
        let empty = try JSONDecoder().decode(RAPIQuirks.self, from: Data("{}".utf8))
        #expect(empty == .firmware)
        let json = #"{"echoBug": false, "noReplyToReboot": false}"#
        let quirks = try JSONDecoder().decode(RAPIQuirks.self, from: Data(json.utf8))
        #expect(quirks == RAPIQuirks(echoBug: false, silentOverlongDrop: true, noReplyToReboot: false))
        #expect(quirks.switchedOff == ["echoBug", "noReplyToReboot"])
    }

    @Test("JSON: an unknown quirk name is an error that names it")
    func decodeUnknown() {
        do {
            _ = try JSONDecoder().decode(RAPIQuirks.self, from: Data(#"{"echoBugg": false}"#.utf8))
            Issue.record("an unknown quirk was accepted")
        } catch {
            #expect("\(error)".contains("echoBugg"))
        }
    }

    @Test("JSON round trip")
    func roundTrip() throws {
        let data = try JSONEncoder().encode(RAPIQuirks.none)
        #expect(try JSONDecoder().decode(RAPIQuirks.self, from: data) == .none)
    }

    @Test("echo after $FF E: the bug turns it on for both values", arguments: [(UInt8(0), true), (1, true)])
    func echoBugOn(value: UInt8, echo: Bool) {
        #expect(RAPIQuirks.firmware.echoAfterFeatureCommand(value: value) == echo)
    }

    @Test("echo after $FF E: fixed, 0 turns it off", arguments: [(UInt8(0), false), (1, true)])
    func echoBugOff(value: UInt8, echo: Bool) {
        #expect(RAPIQuirks(echoBug: false).echoAfterFeatureCommand(value: value) == echo)
    }

    @Test("the receiver takes its overlong behaviour from the quirks")
    func receiverConfiguration() {
        #expect(RAPILineReceiver.Configuration(firmware: .d9940).silentOverlongDrop)
        #expect(!RAPILineReceiver.Configuration(firmware: .d9940, quirks: .none).silentOverlongDrop)
        #expect(RAPILineReceiver.Configuration(firmware: .d9940).bufferLength == 40)
    }
}
