import SimCore
import Testing

@testable import EVSEModel

@Suite("Active errors and the derived Inoperative (EvseManager ErrorHandling)")
struct ActiveErrorsTests {
    private let bsp = EverestError.Origin(moduleID: "yeti_driver", implementationID: "board_support")

    private func makeErrors(seed: UInt64 = 1) -> ActiveErrors {
        ActiveErrors(random: RandomStream(seed: seed, name: "errors"))
    }

    @Test("a fatal error raises Inoperative naming its cause; clearing it clears Inoperative")
    func fatalErrorDerivesInoperative() throws {
        var errors = makeErrors()
        let raised = errors.raise(
            .groundFailure, message: "Simulated fault event", origin: bsp, at: .zero + .seconds(3))
        try #require(raised.count == 2)
        guard case .raised(let cause) = raised[0], case .raised(let inoperative) = raised[1] else {
            Issue.record("expected two raises, got \(raised)")
            return
        }
        #expect(cause.type == .groundFailure)
        #expect(cause.description == "Ground fault circuit interrupter has been activated.")
        #expect(inoperative.type == .inoperative)
        #expect(inoperative.message == "evse_board_support/MREC2GroundFailure")
        #expect(inoperative.description == "MREC2GroundFailure")
        #expect(inoperative.severity == .high)
        #expect(inoperative.vendorID == "EVerest")
        #expect(inoperative.origin == EverestError.Origin(moduleID: "evse_manager", implementationID: "evse"))
        #expect(errors.isInoperative)

        let cleared = errors.clear(.groundFailure, at: .zero + .seconds(9))
        #expect(cleared == [.cleared(cause), .cleared(inoperative)])
        #expect(errors.errors.isEmpty)
        #expect(!errors.isInoperative)
    }

    @Test("Inoperative stays while any fatal error remains")
    func inoperativeWhileAnyFatalRemains() {
        var errors = makeErrors()
        errors.raise(.diodeFault, message: "m", origin: bsp, at: .zero)
        let second = errors.raise(.rcdDC, message: "m", origin: bsp, at: .zero)
        #expect(second.count == 1, "no second Inoperative")
        errors.clear(.diodeFault, at: .zero)
        #expect(errors.isInoperative)
        errors.clear(.rcdDC, at: .zero)
        #expect(!errors.isInoperative)
    }

    @Test(
        "derating and warnings are not fatal",
        arguments: [
            "evse_board_support/MREC3HighTemperature",
            "evse_board_support/MREC18CableOverTempDerate", "evse_board_support/VendorWarning", "ac_rcd/VendorWarning",
        ])
    func nonFatal(type: String) {
        var errors = makeErrors()
        let changes = errors.raise(EverestErrorType(rawValue: type), message: "m", origin: bsp, at: .zero)
        #expect(changes.count == 1)
        #expect(!errors.isInoperative)
    }

    @Test("a duplicate raise is ignored; clearing a type clears all its sub-types")
    func duplicatesAndSubTypes() {
        var errors = makeErrors()
        errors.raise(.bspVendorError, subType: "A", message: "m", origin: bsp, at: .zero)
        #expect(errors.raise(.bspVendorError, subType: "A", message: "again", origin: bsp, at: .zero).isEmpty)
        errors.raise(.bspVendorError, subType: "B", message: "m", origin: bsp, at: .zero)
        #expect(errors.errors.filter { $0.type == .bspVendorError }.count == 2)
        let cleared = errors.clear(.bspVendorError, at: .zero)
        #expect(cleared.count == 3)
        #expect(errors.errors.isEmpty)
    }

    @Test("Inoperative's description appends the cause's sub-type")
    func subTypeInDescription() {
        var errors = makeErrors()
        errors.raise(.groundLoss, origin: bsp, at: .zero)
        let inoperative = errors.errors.first { $0.type == .inoperative }
        #expect(inoperative?.description == "VendorError/NoGround")
        #expect(inoperative?.message == "evse_board_support/VendorError")
        errors.clear(.groundLoss, at: .zero)
        #expect(errors.errors.isEmpty)
    }

    @Test("UUIDs are version-4 shaped, distinct, and reproducible from the seed")
    func uuids() {
        var a = makeErrors(seed: 5)
        var b = makeErrors(seed: 5)
        var c = makeErrors(seed: 6)
        a.raise(.powerLoss, message: "m", origin: bsp, at: .zero)
        b.raise(.powerLoss, message: "m", origin: bsp, at: .zero)
        c.raise(.powerLoss, message: "m", origin: bsp, at: .zero)
        let uuids = a.errors.map(\.uuid)
        #expect(uuids == b.errors.map(\.uuid))
        #expect(uuids != c.errors.map(\.uuid))
        #expect(Set(uuids).count == uuids.count)
        for uuid in uuids {
            let groups = uuid.split(separator: "-").map(\.count)
            #expect(groups == [8, 4, 4, 4, 12])
            #expect(uuid.allSatisfy { "0123456789abcdef-".contains($0) })
            #expect(uuid.split(separator: "-")[2].first == "4")
            #expect("89ab".contains(uuid.split(separator: "-")[3].first!))
        }
    }

    @Test("station faults map to the documented EVerest types", arguments: StationFaultKind.allCases)
    func stationFaultMapping(fault: StationFaultKind) {
        let expected: [StationFaultKind: (String, String)] = [
            .gfi: ("evse_board_support/MREC2GroundFailure", ""),
            .gfiSelfTest: ("ac_rcd/Selftest", ""),
            .groundLoss: ("evse_board_support/VendorError", "NoGround"),
            .stuckRelay: ("evse_board_support/MREC17EVSEContactorFault", ""),
            .diode: ("evse_board_support/DiodeFault", ""),
            .stateE: ("evse_board_support/MREC14PilotFault", ""),
            .overTemperature: ("evse_board_support/MREC3HighTemperature", ""),
            .overCurrent: ("evse_board_support/MREC4OverCurrentFailure", ""),
            .powerLoss: ("evse_board_support/MREC15PowerLoss", ""),
        ]
        let spec = fault.everestError
        #expect(spec.type.rawValue == expected[fault]?.0)
        #expect(spec.subType == expected[fault]?.1)
        #expect(spec.severity == .high)
        #expect(spec.type.isFatal == (fault != .overTemperature))
    }
}
