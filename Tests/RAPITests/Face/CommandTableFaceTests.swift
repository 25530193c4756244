import EVSEModel
import SimCore
import Testing

@testable import RAPI

/// The command table the README prints, held against what the face does.
@Suite struct CommandTableFaceTests {
    static func profile(_ firmware: RAPIFirmware) -> StationProfile {
        switch firmware {
        case .openEVSE823US: StationProfile()
        case .openEVSE823EU: FaceRig.euProfile
        case .d9940: FaceRig.d9Profile
        }
    }

    @Test("every command runs exactly where the table says it is available", arguments: RAPIFirmware.allCases)
    func availability(_ firmware: RAPIFirmware) throws {
        var rig = try FaceRig(profile: Self.profile(firmware))
        for spec in RAPICommandTable.commands {
            let request = RAPIRequest(command: spec.code, sequenceID: 0x42)
            let result = rig.face.execute(request, station: &rig.station)
            let available = spec.availability(in: firmware).isAvailable
            #expect(result.executed == available, "$\(spec.code) on \(firmware.shortName)")
            if !available {
                #expect(result.reply == RAPIReply(.nk, sequenceID: 0x42), "$\(spec.code) on \(firmware.shortName)")
            }
        }
        for unknown: RAPICommandCode in ["XX", "gs", "G", "S9", "F2"] {
            #expect(!rig.face.execute(RAPIRequest(command: unknown), station: &rig.station).executed)
        }
    }

    @Test("the Markdown table renders a row per command with the availability the face honours")
    func markdown() throws {
        let text = RAPICommandTable.markdown()
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| `$") }
        #expect(rows.count == RAPICommandTable.commands.count)
        for spec in RAPICommandTable.commands {
            let row = try #require(rows.first { $0.hasPrefix("| `$\(spec.code)`") }, "row for $\(spec.code)")
            for firmware in RAPIFirmware.allCases {
                let mark = spec.availability(in: firmware).isAvailable ? "✓" : nil
                #expect(row.contains("\(firmware.shortName) ✓") == (mark != nil), "\(row)")
            }
        }
        #expect(text.hasPrefix("| Command | Arguments | Reply | Availability | Notes |\n|---|---|---|---|---|\n"))
        #expect(text.contains("`$GV` → `8.2.3 5.2.1`"))
        #expect(text.contains("| `$SC` | `amps [V\\|M\\|x]` |"), "pipes inside cells are escaped")
    }
}
