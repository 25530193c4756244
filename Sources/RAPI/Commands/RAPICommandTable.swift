import EVSEModel

/// Every command of open_evse `rapi_proc.h`, with its availability per firmware build.
///
/// The station executor answers a bare `$NK` for any code that is not ``RAPIAvailability/available``
/// in its firmware (unknown codes included), and the README prints ``markdown(firmwares:)``.
public enum RAPICommandTable {
    /// All commands, in reference order (F, S, G, then T and Z).
    public static let commands: [RAPICommandSpec] = functionCommands + setCommands + getCommands + testCommands

    private static let index: [RAPICommandCode: RAPICommandSpec] = Dictionary(
        commands.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })

    /// The entry for `code`, or nil when no firmware knows it.
    public static func spec(for code: RAPICommandCode) -> RAPICommandSpec? {
        index[code]
    }

    /// Whether `firmware` executes `code`; unknown codes are ``RAPIAvailability/absent``.
    public static func availability(of code: RAPICommandCode, in firmware: RAPIFirmware) -> RAPIAvailability {
        index[code]?.availability(in: firmware) ?? .absent
    }

    /// The `$FF` feature ids (`processCmd()`, case `FF`), alphabetically.
    public static let featureSwitches: [RAPIFeatureSwitch] = {
        let all = Set(RAPIFirmware.allCases)
        let v8: Set<RAPIFirmware> = [.openEVSE823US, .openEVSE823EU]
        let d9: Set<RAPIFirmware> = [.d9940]
        return [
            RAPIFeatureSwitch("B", summary: "front button (0: presses are sent as $AN)", firmwares: v8),
            RAPIFeatureSwitch("C", summary: "cable temperature monitoring", firmwares: d9),
            RAPIFeatureSwitch("D", summary: "diode check", firmwares: all),
            RAPIFeatureSwitch("E", summary: "command echo (bug: always turns echo on)", firmwares: all),
            RAPIFeatureSwitch("F", summary: "GFI self-test", firmwares: all),
            RAPIFeatureSwitch("G", summary: "ground check", firmwares: all),
            RAPIFeatureSwitch("L", summary: "boot lock", firmwares: d9),
            RAPIFeatureSwitch("O", summary: "over-current check", firmwares: d9),
            RAPIFeatureSwitch("P", summary: "PP auto-ampacity", firmwares: d9),
            RAPIFeatureSwitch("R", summary: "stuck-relay check", firmwares: all),
            RAPIFeatureSwitch("T", summary: "temperature monitoring", firmwares: all),
            RAPIFeatureSwitch("V", summary: "vent-required check", firmwares: all),
            RAPIFeatureSwitch("Z", summary: "zero-cross relay switching", firmwares: d9),
        ]
    }()

    /// Whether `$FF <id>` is known to `firmware` (otherwise `$NK`).
    public static func isFeatureSwitchAvailable(_ id: UInt8, in firmware: RAPIFirmware) -> Bool {
        featureSwitches.contains { $0.id == id && $0.firmwares.contains(firmware) }
    }

    /// The table as Markdown: command, arguments, reply, availability per build, notes.
    public static func markdown(firmwares: [RAPIFirmware] = RAPIFirmware.allCases) -> String {
        var lines = [
            "| Command | Arguments | Reply | Availability | Notes |",
            "|---|---|---|---|---|",
        ]
        for spec in commands {
            let availability = firmwares.map { firmware in
                let mark =
                    switch spec.availability(in: firmware) {
                    case .available: "✓"
                    case .compiledOut: "✗"
                    case .absent: "—"
                    }
                return "\(firmware.shortName) \(mark)"
            }
            let cells = [
                "`$\(spec.code)`",
                spec.arguments.isEmpty ? "–" : "`\(spec.arguments)`",
                spec.reply,
                availability.joined(separator: " "),
                ([spec.summary] + (spec.notes.isEmpty ? [] : [spec.notes])).joined(separator: ". "),
            ]
            lines.append("| " + cells.map(escapeCell).joined(separator: " | ") + " |")
        }
        lines.append("")
        let builds = firmwares.map { "\($0.shortName) = `\($0.rawValue)` (`$GV` → `\($0.versionReply)`)" }
        lines.append("Builds: " + builds.joined(separator: ", ") + ".")
        lines.append(
            "✓ available; ✗ in the source but compiled out of the official build; — not in that firmware."
                + " Both ✗ and — answer `$NK`.")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func escapeCell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
