import EVSEModel
import SimCore
import Testing

@testable import RAPI

/// Every fault state the station can reach, as `$GS` and `$AT` show it.
@Suite struct FaultTests {
    enum Case: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case ventRequired, diode, stateE, gfi, groundLoss, stuckRelay, gfiSelfTest, overTemperature, overCurrent

        /// The state byte `$GS` and `$AT` must show (open_evse `EVSE_STATE_*`).
        var code: String {
            switch self {
            case .ventRequired: "04"
            case .diode, .stateE: "05"
            case .gfi: "06"
            case .groundLoss: "07"
            case .stuckRelay: "08"
            case .gfiSelfTest: "09"
            case .overTemperature: "0a"
            case .overCurrent: "0b"
            }
        }

        /// Whether the fault is hard (HARD_FAULT 0x0002); GFI and no-ground are retried first.
        var isHard: Bool { self != .gfi && self != .groundLoss }

        var profile: StationProfile { self == .overCurrent ? FaceRig.euProfile : StationProfile() }

        var testDescription: String { rawValue }

        func provoke(_ rig: inout FaceRig) throws {
            switch self {
            case .ventRequired:
                try rig.charge()
                rig.apply(.ventilation(on: true))
            case .diode:
                rig.apply(.injectFault(.diode))
                rig.apply(.plug)
            case .stateE:
                rig.apply(.plug)
                rig.run(.seconds(1))
                rig.apply(.injectFault(.stateE))
            case .gfi:
                try rig.charge()
                rig.apply(.injectFault(.gfi))
            case .groundLoss:
                try rig.charge()
                rig.apply(.injectFault(.groundLoss))
            case .stuckRelay:
                try rig.charge()
                rig.apply(.injectFault(.stuckRelay))
                rig.command("$FS")
            case .gfiSelfTest:
                rig.apply(.injectFault(.gfiSelfTest))
                rig.apply(.plug)
            case .overTemperature:
                try rig.charge()
                rig.apply(.injectFault(.overTemperature))
            case .overCurrent:
                try rig.charge()
                rig.apply(.injectFault(.overCurrent))
            }
            rig.run(.seconds(20))
        }
    }

    @Test("fault state in $GS and $AT", arguments: Case.allCases)
    func faultState(_ fault: Case) throws {
        var rig = try FaceRig(profile: fault.profile)
        rig.run(.seconds(1))
        try fault.provoke(&rig)
        let async = rig.takeAsync()
        let last = try #require(async.last, "an $AT was sent")
        let at = last.dropFirst(4).split(separator: "^")[0].split(separator: " ").map(String.init)
        try #require(at.count == 4)
        #expect(at[0] == fault.code)
        #expect(at[1] == "00", "the pilot state is not evaluated in a fault")

        let gs = rig.query("$GS").split(separator: " ").map(String.init)
        try #require(gs.count == 4)
        #expect(gs[0] == fault.code)
        #expect(gs[2] == at[1] && gs[3] == at[3], "$GS and the last $AT agree")
        let vflags = try #require(UInt16(gs[3], radix: 16))
        #expect((vflags & 0x0002 != 0) == fault.isHard)
        #expect(vflags & 0x0040 == 0, "the relay is off")
        #expect(rig.query("$GG").hasPrefix("0 "))
        if fault == .overTemperature || fault == .overCurrent {
            // The firmware blocks through the shutdown wait: no $AT between C and the fault. The
            // fault's first $AT still carries the last pilot state, which decays to 00 250 ms
            // later (open_evse `Update()`): a second $AT.
            let tail = Array(async.suffix(3))
            #expect(tail.count == 3)
            #expect(tail.first == wire("$AT 03 03 32 0540"))
            #expect(tail[1].hasPrefix("$AT \(fault.code) ") && !tail[1].hasPrefix("$AT \(fault.code) 00 "))
            #expect(tail.last == last)
        }
    }

    @Test("unplugging clears every fault but the stuck relay", arguments: Case.allCases)
    func unplugClears(_ fault: Case) throws {
        var rig = try FaceRig(profile: fault.profile)
        rig.run(.seconds(1))
        try fault.provoke(&rig)
        rig.apply(.clearFault(.overTemperature))
        rig.apply(.unplug)
        rig.run(.seconds(2))
        let state = rig.query("$GS").prefix(2)
        #expect(state == (fault == .stuckRelay ? "08" : "01"))
    }

    @Test("GFI trips are counted in $GF, in hex without padding")
    func tripCounters() throws {
        var rig = try FaceRig()
        rig.run(.seconds(1))
        rig.apply(.injectFault(.gfi))
        while rig.station.settings.gfiTrips < 10 {
            try rig.charge()
            rig.apply(.unplug)
            rig.run(.seconds(1))
        }
        let trips = rig.station.settings.gfiTrips
        #expect(rig.query("$GF") == "\(String(trips, radix: 16)) 0 0")
        #expect(rig.query("$GF").first == "a")
    }
}
