import EVSEModel
import Foundation
import Testing

@testable import RAPI

/// The quirk switches and their profile JSON.
@Suite struct QuirksTests {
    @Test("every quirk defaults to the firmware's behaviour")
    func defaults() {
        let quirks = RAPIQuirks()
        #expect(quirks.echoBug && quirks.silentOverlongDrop && quirks.noReplyToReboot && quirks.blockedDuringBoot)
        #expect(quirks.switchedOff.isEmpty)
        #expect(RAPIQuirks.names == ["echoBug", "silentOverlongDrop", "noReplyToReboot", "blockedDuringBoot"])
    }

    @Test("each quirk can be read and switched by its profile name", arguments: RAPIQuirks.Name.allCases)
    func byName(name: RAPIQuirks.Name) {
        var quirks = RAPIQuirks.firmware
        #expect(quirks[name])
        quirks[name] = false
        #expect(quirks.switchedOff == [name.rawValue])
        #expect(RAPIQuirks.none[name] == false)
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
