import JSON
import Testing

@testable import OCPP

@Suite struct OCPPMessageTests {
    @Test func callRoundTrips() throws {
        let call = OCPPMessage.call(id: "19223201", action: "BootNotification", payload: ["chargePointVendor": "v"])
        #expect(call.text == #"[2,"19223201","BootNotification",{"chargePointVendor":"v"}]"#)
        #expect(try OCPPMessage(parsing: call.bytes) == call)
    }

    @Test func resultAndErrorRoundTrip() throws {
        let result = OCPPMessage.callResult(id: "a", payload: ["status": "Accepted"])
        #expect(try OCPPMessage(parsing: result.bytes) == result)
        let error = OCPPMessage.callError(id: "b", code: .notSupported, description: "no", details: [:])
        #expect(error.text == #"[4,"b","NotSupported","no",{}]"#)
        #expect(try OCPPMessage(parsing: error.bytes) == error)
    }

    @Test(
        arguments: [
            ("not json", nil, OCPPErrorCode.formationViolation),
            (#"{"a":1}"#, nil, .formationViolation),
            (#"[2,5,"Reset",{}]"#, nil, .formationViolation),
            (#"[2,"id","Reset","Hard"]"#, "id", .formationViolation),
            (#"[2,"id",7,{}]"#, "id", .formationViolation),
            (#"[2,"id","Reset"]"#, "id", .formationViolation),
            (#"[3,"id",{},{}]"#, "id", .formationViolation),
            (#"[9,"id","Reset",{}]"#, "id", .protocolError),
            (#"["2","id","Reset",{}]"#, "id", .formationViolation),
        ] as [(String, String?, OCPPErrorCode)])
    func unreadableFrames(text: String, id: String?, code: OCPPErrorCode) {
        #expect(throws: OCPPFrameError.self) { try OCPPMessage(parsing: Array(text.utf8)) }
        do {
            _ = try OCPPMessage(parsing: Array(text.utf8))
        } catch {
            #expect(error.id == id)
            #expect(error.code == code)
        }
    }

    @Test func unknownErrorCodeReadsAsGenericError() throws {
        let message = try OCPPMessage(parsing: Array(#"[4,"x","Teapot","",{}]"#.utf8))
        guard case .callError(_, let code, _, _) = message else {
            Issue.record("not a CALLERROR: \(message)")
            return
        }
        #expect(code == .genericError)
    }
}

@Suite struct OCPPConfigurationTests {
    @Test(arguments: [
        ("HeartbeatInterval", "60", OCPPConfiguration.ChangeResult.accepted),
        ("HeartbeatInterval", "-1", .rejected),
        ("HeartbeatInterval", "soon", .rejected),
        ("AuthorizeRemoteTxRequests", "TRUE", .accepted),
        ("AuthorizeRemoteTxRequests", "yes", .rejected),
        ("NumberOfConnectors", "2", .rejected),
        ("MeterValuesSampledData", "Energy.Active.Import.Register,SoC", .accepted),
        ("MeterValuesSampledData", "Energy.Active.Import.Register,Bogus", .rejected),
        ("NoSuchKey", "1", .notSupported),
    ])
    func changeChecksTheValue(key: String, value: String, expected: OCPPConfiguration.ChangeResult) {
        var keys = OCPPConfiguration()
        #expect(keys.set(key, value) == expected)
        if expected == .accepted { #expect(keys.value(key) == value.lowercased() || keys.value(key) == value) }
    }

    @Test func overridesApplyAndMeasurandsParse() {
        let keys = OCPPConfiguration(overrides: ["MeterValuesSampledData": "SoC, Voltage", "HeartbeatInterval": "42"])
        #expect(keys.int("HeartbeatInterval") == 42)
        #expect(keys.measurands("MeterValuesSampledData") == [.soc, .voltage])
    }

    /// Lists as `set` accepts them read back in order, spaces trimmed.
    @Test(arguments: [
        (" SoC ,  Voltage", [OCPPMeasurand.soc, .voltage]), ("Voltage,SoC", [.voltage, .soc]),
        ("Current.Offered", [.currentOffered]), ("", []),
    ])
    func measurandListsParse(value: String, expected: [OCPPMeasurand]) {
        let keys = OCPPConfiguration(overrides: ["MeterValuesSampledData": value])
        #expect(keys.measurands("MeterValuesSampledData") == expected)
    }
}
