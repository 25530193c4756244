import EVSEModel
import Testing

@testable import RAPI

/// open_evse `rapi_proc.h` / `processCmd()`: the command set per firmware build.
@Suite struct CommandTableTests {
    /// Every command code of open_evse `processCmd()` (F, S, G, T, Z), listed independently of the table.
    static let referenceCodes: [RAPICommandCode] = [
        "F0", "F1", "FB", "FC", "FD", "FE", "FF", "FH", "FK", "FO", "FP", "FR", "FS",
        "S0", "S1", "S2", "S3", "S4", "S5", "SA", "SB", "SC", "SH", "SK", "SL", "SM", "SN", "SR", "ST", "SV",
        "SY", "SZ",
        "G0", "G3", "G4", "G5", "GA", "GC", "GD", "GE", "GF", "GG", "GH", "GI", "GL", "GM", "GN", "GO", "GP",
        "GR", "GS", "GT", "GU", "GV", "GW", "GY", "GZ",
        "T0", "Z0",
    ]

    @Test("the table has every command of the reference, once")
    func everyCommandOnce() {
        let codes = RAPICommandTable.commands.map(\.code)
        #expect(Set(codes).count == codes.count)
        #expect(Set(codes) == Set(Self.referenceCodes))
    }

    /// (code, US, EU, D9) for the entries the reference calls out.
    static let availability: [(RAPICommandCode, RAPIAvailability, RAPIAvailability, RAPIAvailability)] = [
        ("GS", .available, .available, .available),
        ("FR", .available, .available, .available),
        ("S3", .compiledOut, .compiledOut, .compiledOut),
        ("G3", .compiledOut, .compiledOut, .compiledOut),
        ("SH", .compiledOut, .compiledOut, .compiledOut),
        ("S4", .compiledOut, .compiledOut, .compiledOut),
        ("SB", .compiledOut, .compiledOut, .available),
        ("F1", .available, .available, .compiledOut),
        ("GT", .available, .available, .compiledOut),
        ("GO", .compiledOut, .compiledOut, .available),
        ("GR", .absent, .absent, .available),
        ("FC", .absent, .absent, .available),
        ("SN", .absent, .absent, .available),
        ("T0", .compiledOut, .compiledOut, .compiledOut),
    ]

    @Test("availability per build", arguments: availability)
    func availabilityPerBuild(
        code: RAPICommandCode, us: RAPIAvailability, eu: RAPIAvailability, d9: RAPIAvailability
    ) {
        #expect(RAPICommandTable.availability(of: code, in: .openEVSE823US) == us)
        #expect(RAPICommandTable.availability(of: code, in: .openEVSE823EU) == eu)
        #expect(RAPICommandTable.availability(of: code, in: .d9940) == d9)
    }

    @Test("unknown and lower-case codes are absent everywhere", arguments: ["XX", "gs", "G"] as [RAPICommandCode])
    func unknownCodes(code: RAPICommandCode) {
        for firmware in RAPIFirmware.allCases {
            #expect(RAPICommandTable.availability(of: code, in: firmware) == .absent)
        }
    }

    @Test("the D9-only commands (RAPI 6.0.0) are absent from 8.2.3")
    func d9Additions() {
        for code: RAPICommandCode in ["FC", "FH", "FK", "FO", "GR", "SR", "SZ", "GZ", "GW", "GL", "SN", "GN"] {
            #expect(RAPICommandTable.availability(of: code, in: .d9940) == .available)
            #expect(!RAPICommandTable.availability(of: code, in: .openEVSE823US).isAvailable)
        }
    }

    @Test("$FF feature ids per build")
    func featureSwitches() {
        let e = UInt8(ascii: "E")
        let b = UInt8(ascii: "B")
        let o = UInt8(ascii: "O")
        for firmware in RAPIFirmware.allCases {
            #expect(RAPICommandTable.isFeatureSwitchAvailable(e, in: firmware))
        }
        #expect(RAPICommandTable.isFeatureSwitchAvailable(b, in: .openEVSE823US))
        #expect(!RAPICommandTable.isFeatureSwitchAvailable(b, in: .d9940))
        #expect(RAPICommandTable.isFeatureSwitchAvailable(o, in: .d9940))
        #expect(!RAPICommandTable.isFeatureSwitchAvailable(o, in: .openEVSE823EU))
        #expect(!RAPICommandTable.isFeatureSwitchAvailable(UInt8(ascii: "X"), in: .d9940))
    }

    @Test("firmware identities")
    func firmwareIdentities() {
        #expect(RAPIFirmware.openEVSE823US.versionReply == "8.2.3 5.2.1")
        #expect(RAPIFirmware.openEVSE823EU.versionReply == "8.2.3.EU 5.2.1")
        #expect(RAPIFirmware.d9940.versionReply == "9.4.0.core 6.0.0")
        #expect(RAPIFirmware(rawValue: "openevse-8.2.3-us") == .openEVSE823US)
        #expect(RAPIFirmware.openEVSE823US.receiveBufferLength == 32)
        #expect(RAPIFirmware.d9940.receiveBufferLength == 40)
    }

    @Test("the Markdown table has a header, one row per command and escaped pipes")
    func markdown() {
        let text = RAPICommandTable.markdown()
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| `$") }
        #expect(text.hasPrefix("| Command | Arguments | Reply | Availability | Notes |\n|---|---|---|---|---|\n"))
        #expect(rows.count == Self.referenceCodes.count)
        let sc = rows.first { $0.hasPrefix("| `$SC`") }
        #expect(sc?.contains("`amps [V\\|M\\|x]`") == true)
        #expect(sc?.contains("US ✓ EU ✓ D9 ✓") == true)
        #expect(rows.first { $0.hasPrefix("| `$SB`") }?.contains("US ✗ EU ✗ D9 ✓") == true)
        #expect(rows.first { $0.hasPrefix("| `$GR`") }?.contains("US — EU — D9 ✓") == true)
        // Every row has exactly five cells: six unescaped pipes.
        for row in rows {
            let pipes = row.replacing("\\|", with: "").filter { $0 == "|" }.count
            #expect(pipes == 6, "\(row)")
        }
    }
}
