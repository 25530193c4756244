import EVSEModel
import Testing

@testable import EverestAPI

/// What decoding one payload must give.
enum Expected: Sendable {
    case command(EverestCommand)
    case defaulted(EverestCommand)
    /// Rejected, and the reason mentions this text.
    case rejected(mentioning: String)
}

/// One corpus entry.
struct CommandCase: Sendable, CustomTestStringConvertible {
    var name: EverestCommandName
    var payload: [UInt8]
    var expected: Expected

    init(_ name: EverestCommandName, _ payload: String, _ expected: Expected) {
        self.init(name, Array(payload.utf8), expected)
    }

    init(_ name: EverestCommandName, _ payload: [UInt8], _ expected: Expected) {
        self.name = name
        self.payload = payload
        self.expected = expected
    }

    var testDescription: String { "\(name.rawValue) ← \(String(decoding: payload, as: UTF8.self).debugDescription)" }
}

private func row(_ source: EnableDisableSource, _ state: EnableState, _ priority: Int) -> EnableDisableRow {
    EnableDisableRow(source: source, state: state, priority: priority)
}

private let defaultEnable = EverestCommand.enableDisable(connectorID: 0, row: row(.localAPI, .enable, 100))

@Suite("Command decoders: the real module's parsing, rejections with reasons")
struct EverestCommandDecoderTests {
    static let corpus: [CommandCase] = [
        // enable_disable: JSON object, all keys optional.
        CommandCase(.enableDisable, "", .rejected(mentioning: "no argument")),
        CommandCase(.enableDisable, "not json", .rejected(mentioning: "not JSON")),
        CommandCase(.enableDisable, "{", .rejected(mentioning: "not JSON")),
        CommandCase(.enableDisable, " ", .rejected(mentioning: "not JSON")),
        CommandCase(.enableDisable, #"{"state":"Disable"} x"#, .rejected(mentioning: "not JSON")),
        CommandCase(.enableDisable, #"{"state":"Disable",}"#, .rejected(mentioning: "not JSON")),
        CommandCase(.enableDisable, "{}", .command(defaultEnable)),
        CommandCase(.enableDisable, "5", .command(defaultEnable)),
        CommandCase(.enableDisable, #""x""#, .command(defaultEnable)),
        CommandCase(.enableDisable, "[1,2]", .command(defaultEnable)),
        CommandCase(.enableDisable, "null", .command(defaultEnable)),
        CommandCase(.enableDisable, #"{"state":"enable"}"#, .rejected(mentioning: "unknown state \"enable\"")),
        CommandCase(.enableDisable, #"{"source":"csms"}"#, .rejected(mentioning: "unknown source \"csms\"")),
        CommandCase(.enableDisable, #"{"source":5}"#, .rejected(mentioning: "must be string")),
        CommandCase(.enableDisable, #"{"priority":"100"}"#, .rejected(mentioning: "must be number")),
        CommandCase(.enableDisable, #"{"connector_id":null}"#, .rejected(mentioning: "must be number")),
        CommandCase(.enableDisable, #"{"connector_id":[1]}"#, .rejected(mentioning: "but is array")),
        CommandCase(
            .enableDisable, #"{"state":"Disable"}"#,
            .command(.enableDisable(connectorID: 0, row: row(.localAPI, .disable, 100)))),
        CommandCase(
            .enableDisable, #" {"connector_id":1,"source":"CSMS","state":"Disable","priority":5000} "#,
            .command(.enableDisable(connectorID: 1, row: row(.csms, .disable, 5000)))),
        CommandCase(
            .enableDisable, #"{"state":"Unassigned","priority":true}"#,
            .command(.enableDisable(connectorID: 0, row: row(.localAPI, .unassigned, 1)))),
        CommandCase(
            .enableDisable, #"{"priority":42.9,"connector_id":-1.5}"#,
            .command(.enableDisable(connectorID: -1, row: row(.localAPI, .enable, 42)))),
        CommandCase(
            .enableDisable, #"{"connector_id":4294967297,"priority":1e10}"#,
            .command(.enableDisable(connectorID: 1, row: row(.localAPI, .enable, Int(Int32.min))))),
        CommandCase(
            .enableDisable, #"{"state":"Enable","state":"Disable"}"#,
            .command(.enableDisable(connectorID: 0, row: row(.localAPI, .disable, 100)))),
        CommandCase(.enableDisable, #"{"x":1e999}"#, .rejected(mentioning: "within the range of a 64-bit float")),

        // enable / disable: std::stoi connector id.
        CommandCase(.enable, "", .rejected(mentioning: "no argument")),
        CommandCase(.enable, "abc", .rejected(mentioning: "no conversion")),
        CommandCase(.enable, "99999999999", .rejected(mentioning: "out of range")),
        CommandCase(.enable, "1abc", .command(.enableDisable(connectorID: 1, row: row(.localAPI, .enable, 100)))),
        CommandCase(.enable, "  2", .command(.enableDisable(connectorID: 2, row: row(.localAPI, .enable, 100)))),
        CommandCase(.enable, "-1", .command(.enableDisable(connectorID: -1, row: row(.localAPI, .enable, 100)))),
        CommandCase(.disable, "", .rejected(mentioning: "no argument")),
        CommandCase(.disable, "x1", .rejected(mentioning: "no conversion")),
        CommandCase(.disable, #"{"connector_id":1}"#, .rejected(mentioning: "no conversion")),
        CommandCase(.disable, "0", .command(.enableDisable(connectorID: 0, row: row(.localAPI, .disable, 100)))),
        CommandCase(.disable, "3 ", .command(.enableDisable(connectorID: 3, row: row(.localAPI, .disable, 100)))),

        // pause / resume / stop: any payload.
        CommandCase(.pauseCharging, "", .command(.pauseCharging)),
        CommandCase(.pauseCharging, "{garbage", .command(.pauseCharging)),
        CommandCase(.resumeCharging, [0, 0xFF], .command(.resumeCharging)),
        CommandCase(.resumeCharging, "now", .command(.resumeCharging)),
        CommandCase(.stopCharging, "", .command(.stopCharging)),
        CommandCase(.stopCharging, "please", .command(.stopCharging)),

        // force_unlock: std::stoi, 1 when empty or unparsable.
        CommandCase(.forceUnlock, "", .command(.forceUnlock(connectorID: 1))),
        CommandCase(.forceUnlock, "2", .command(.forceUnlock(connectorID: 2))),
        CommandCase(.forceUnlock, " 3x", .command(.forceUnlock(connectorID: 3))),
        CommandCase(.forceUnlock, "abc", .defaulted(.forceUnlock(connectorID: 1))),
        CommandCase(.forceUnlock, "99999999999", .defaulted(.forceUnlock(connectorID: 1))),

        // set_limit_amps / set_limit_watts: std::stof.
        CommandCase(.setLimitAmps, "16", .command(.setLimitAmps(16))),
        CommandCase(.setLimitAmps, "16.5", .command(.setLimitAmps(16.5))),
        CommandCase(.setLimitAmps, " 8A", .command(.setLimitAmps(8))),
        CommandCase(.setLimitAmps, "-6", .command(.setLimitAmps(-6))),
        CommandCase(.setLimitAmps, "0x10", .command(.setLimitAmps(16))),
        CommandCase(.setLimitAmps, "0.1", .command(.setLimitAmps(Double(Float(0.1))))),
        CommandCase(.setLimitAmps, "inf", .command(.setLimitAmps(.infinity))),
        CommandCase(.setLimitAmps, "", .rejected(mentioning: "no conversion")),
        CommandCase(.setLimitAmps, "abc", .rejected(mentioning: "no conversion")),
        CommandCase(.setLimitAmps, "1e99", .rejected(mentioning: "crash")),
        CommandCase(.setLimitAmps, "1e-50", .rejected(mentioning: "out of float range")),
        CommandCase(.setLimitWatts, "11000", .command(.setLimitWatts(11000))),
        CommandCase(.setLimitWatts, "abc", .rejected(mentioning: "no conversion")),
        CommandCase(.setLimitWatts, "-1e40", .rejected(mentioning: "crash")),

        // set_limit_amps_phases: JSON, both keys required.
        CommandCase(
            .setLimitAmpsPhases, #"{"amps":16,"phases":3}"#, .command(.setLimitAmpsPhases(amps: 16, phases: 3))),
        CommandCase(
            .setLimitAmpsPhases, #"{"phases":1,"amps":8.5}"#, .command(.setLimitAmpsPhases(amps: 8.5, phases: 1))),
        CommandCase(
            .setLimitAmpsPhases, #"{"amps":-10,"phases":3}"#, .command(.setLimitAmpsPhases(amps: -10, phases: 3))),
        CommandCase(
            .setLimitAmpsPhases, #"{"amps":16,"phases":3.9}"#, .command(.setLimitAmpsPhases(amps: 16, phases: 3))),
        CommandCase(
            .setLimitAmpsPhases, #"{"amps":true,"phases":true}"#, .command(.setLimitAmpsPhases(amps: 1, phases: 1))),
        CommandCase(
            .setLimitAmpsPhases, #"{"amps":1e99,"phases":3}"#,
            .command(.setLimitAmpsPhases(amps: .infinity, phases: 3))),
        CommandCase(.setLimitAmpsPhases, "", .rejected(mentioning: "not JSON")),
        CommandCase(.setLimitAmpsPhases, #"{"amps":16,"phases":3"#, .rejected(mentioning: "not JSON")),
        CommandCase(.setLimitAmpsPhases, #"{"amps":16}"#, .rejected(mentioning: "missing")),
        CommandCase(.setLimitAmpsPhases, #"{"phases":3}"#, .rejected(mentioning: "missing")),
        CommandCase(.setLimitAmpsPhases, "[16,3]", .rejected(mentioning: "missing")),
        CommandCase(.setLimitAmpsPhases, #"{"amps":"16","phases":3}"#, .rejected(mentioning: "must be number")),
        CommandCase(.setLimitAmpsPhases, #"{"amps":16,"phases":null}"#, .rejected(mentioning: "must be number")),
        CommandCase(.setLimitAmpsPhases, #"{"amps":16,"phases":2}"#, .rejected(mentioning: "phase count 2")),
        CommandCase(.setLimitAmpsPhases, #"{"amps":16,"phases":0}"#, .rejected(mentioning: "out of range")),

        // uk_random_delay: exact lowercase words.
        CommandCase(.ukRandomDelay, "enable", .command(.ukRandomDelay(.enable))),
        CommandCase(.ukRandomDelay, "disable", .command(.ukRandomDelay(.disable))),
        CommandCase(.ukRandomDelay, "cancel", .command(.ukRandomDelay(.cancel))),
        CommandCase(.ukRandomDelay, "Enable", .rejected(mentioning: "silently ignored")),
        CommandCase(.ukRandomDelay, "enable ", .rejected(mentioning: "silently ignored")),
        CommandCase(.ukRandomDelay, #""cancel""#, .rejected(mentioning: "silently ignored")),
        CommandCase(.ukRandomDelay, "", .rejected(mentioning: "silently ignored")),
        CommandCase(.ukRandomDelay, Array("enable".utf8) + [0], .rejected(mentioning: "silently ignored")),

        // uk_random_delay_set_max_duration_s: std::stoi, 600 when unparsable.
        CommandCase(.ukRandomDelaySetMaxDuration, "300", .command(.ukRandomDelaySetMaxDuration(seconds: 300))),
        CommandCase(.ukRandomDelaySetMaxDuration, "12s", .command(.ukRandomDelaySetMaxDuration(seconds: 12))),
        CommandCase(.ukRandomDelaySetMaxDuration, "0", .command(.ukRandomDelaySetMaxDuration(seconds: 0))),
        CommandCase(.ukRandomDelaySetMaxDuration, "-5", .command(.ukRandomDelaySetMaxDuration(seconds: -5))),
        CommandCase(.ukRandomDelaySetMaxDuration, "", .defaulted(.ukRandomDelaySetMaxDuration(seconds: 600))),
        CommandCase(.ukRandomDelaySetMaxDuration, "ten", .defaulted(.ukRandomDelaySetMaxDuration(seconds: 600))),
        CommandCase(
            .ukRandomDelaySetMaxDuration, "99999999999", .defaulted(.ukRandomDelaySetMaxDuration(seconds: 600))),
    ]

    @Test("the corpus", arguments: corpus)
    func decode(_ entry: CommandCase) {
        let decoding = EverestCommandDecoder.decode(entry.name, payload: entry.payload)
        switch entry.expected {
        case .command(let command):
            #expect(decoding == .command(command))
        case .defaulted(let command):
            guard case .defaulted(let got, let reason) = decoding else {
                Issue.record("expected a defaulted command, got \(decoding)")
                return
            }
            #expect(got == command)
            #expect(reason.contains("using"))
        case .rejected(let text):
            guard case .rejected(let reason) = decoding else {
                Issue.record("expected a rejection, got \(decoding)")
                return
            }
            #expect(reason.contains(text), "reason: \(reason)")
            #expect(decoding.command == nil)
        }
    }

    @Test("the corpus has malformed payloads for every command")
    func corpusCoversEveryCommand() {
        let covered = Set(Self.corpus.map(\.name))
        #expect(covered == Set(EverestCommandName.allCases))
        // Commands that can fail at all have at least one rejection or default in the corpus.
        let failing = Set(
            Self.corpus.filter {
                if case .command = $0.expected { return false }
                return true
            }.map(\.name))
        let alwaysAccepted: Set<EverestCommandName> = [.pauseCharging, .resumeCharging, .stopCharging]
        #expect(failing == Set(EverestCommandName.allCases).subtracting(alwaysAccepted))
    }

    @Test("set_limit_amps and set_limit_watts accept nan, as std::stof does")
    func nanLimit() {
        for name in [EverestCommandName.setLimitAmps, .setLimitWatts] {
            switch EverestCommandDecoder.decode(name, payload: "nan") {
            case .command(.setLimitAmps(let v)), .command(.setLimitWatts(let v)): #expect(v.isNaN)
            default: Issue.record("nan was not accepted by \(name)")
            }
        }
    }

    @Test("text and byte payloads decode alike")
    func textOverload() {
        #expect(
            EverestCommandDecoder.decode(.forceUnlock, payload: "4")
                == EverestCommandDecoder.decode(.forceUnlock, payload: Array("4".utf8)))
    }
}
