import EVSEModel
import Foundation
import JSON
import SimCore
import Testing

@testable import Scenario

/// Profiles decode from the parsed JSON directly, layer by layer, with located messages.
@Suite struct ProfileDecodingTests {
    func station(_ layers: [(String, JSONPath)]) throws -> StationProfile {
        let nodes = try layers.enumerated().map { i, layer in
            JSONNode(try JSONValue(parsing: layer.0, file: "layer\(i).json"), path: layer.1)
        }
        return try StationProfile.jsonFields.decode(onto: StationProfile(), layers: nodes, file: "scenario.json")
    }

    func vehicle(_ text: String) throws -> VehicleProfile {
        let json = try JSONValue(parsing: text, file: "v.json")
        return try VehicleProfile.jsonFields.decode(onto: VehicleProfile(), layers: [JSONNode(json)], file: "v.json")
    }

    /// Field names of a value's stored properties, nested settings included.
    func storedKeys(_ value: Any) -> Set<String> { Set(Mirror(reflecting: value).children.compactMap(\.label)) }

    @Test func everyStoredPropertyIsAProfileField() {
        #expect(Set(StationProfile.jsonFields.keys) == storedKeys(StationProfile()))
        #expect(Set(VehicleProfile.jsonFields.keys) == storedKeys(VehicleProfile()))
    }

    @Test func nestedSettingsHaveEveryField() throws {
        let p = try station([
            (
                #"{"ukRandomDelay": {"enabled": true, "maxDuration": "10m", "atAnyChange": false},"#
                    + #""everest": {"evseId": "e", "connectorType": "c", "minCurrentAmps": 8, "legacyCounters": false}}"#,
                .root
            )
        ])
        var expected = StationProfile()
        expected.ukRandomDelay.enabled = true
        expected.ukRandomDelay.maxDuration = .minutes(10)
        expected.ukRandomDelay.atAnyChange = false
        expected.everest = EverestSettings()
        expected.everest.evseId = "e"
        expected.everest.connectorType = "c"
        expected.everest.minCurrentAmps = 8
        expected.everest.legacyCounters = false
        #expect(p == expected)
    }

    @Test func laterLayersChangeOnlyWhatTheyName() throws {
        let p = try station([
            (
                #"{"cableAmps": 20, "ukRandomDelay": {"enabled": true, "maxDuration": "5m"}, "rapiQuirks": {"echoBug": false}}"#,
                .root
            ),
            (
                #"{"cableAmps": null, "ukRandomDelay": {"maxDuration": "1m"}, "rapiQuirks": {"noReplyToReboot": false}}"#,
                JSONPath([.key("station")])
            ),
        ])
        #expect(p.cableAmps == nil)
        #expect(p.ukRandomDelay.enabled)
        #expect(p.ukRandomDelay.maxDuration == .minutes(1))
        #expect(p.rapiQuirks == RAPIQuirks(echoBug: false, silentOverlongDrop: true, noReplyToReboot: false))
        #expect(p.hardwareMaxAmps == StationProfile().hardwareMaxAmps)
    }

    @Test(
        arguments: [
            (
                #"{"hardwareMaxAmp": 40}"#,
                #"layer0.json:1:2: $.station.hardwareMaxAmp: expected a profile field, found "hardwareMaxAmp"; did you mean "hardwareMaxAmps"?"#
            ),
            (
                #"{"relayCloseDelay": 5}"#,
                #"layer0.json:1:21: $.station.relayCloseDelay: expected a duration like "10s", found 5 (number)"#
            ),
            (
                #"{"phases": "3"}"#,
                #"layer0.json:1:12: $.station.phases: expected a whole number, found "3""#
            ),
            (
                #"{"ukRandomDelay": {"enable": true}}"#,
                #"layer0.json:1:20: $.station.ukRandomDelay.enable: expected a profile field, found "enable"; did you mean "enabled"?"#
            ),
            (
                #"{"rapiQuirks": {"echoBug": "no"}}"#,
                #"layer0.json:1:28: $.station.rapiQuirks.echoBug: expected true or false, found "no""#
            ),
            (
                #"{"cableAmps": 1.5}"#,
                #"layer0.json:1:15: $.station.cableAmps: expected a whole number or null, found 1.5 (number)"#
            ),
            (
                #"{"everest": 3}"#,
                #"layer0.json:1:13: $.station.everest: expected an object of profile fields, found 3 (number)"#
            ),
        ])
    func brokenOverridesSayWhereAndWhat(text: String, message: String) throws {
        let error = try #require(throws: ScenarioValidationError.self) {
            try station([(text, JSONPath([.key("station")]))])
        }
        #expect(error.issues.first?.description.hasPrefix(message) == true, "\(error)")
    }

    @Test func everyProblemIsReportedAtOnce() throws {
        let error = try #require(throws: ScenarioValidationError.self) {
            try station([(#"{"phases": true, "bootLock": 1, "colour": "red"}"#, .root)])
        }
        #expect(error.issues.map(\.path.description) == ["$.phases", "$.bootLock", "$.colour"])
    }

    @Test func curvePointsAreChecked() throws {
        #expect(try vehicle(#"{"curve": [{"soc": 0, "kW": 11}, {"soc": 0.8, "kW": 3.5}]}"#).curve.count == 2)
        let error = try #require(throws: ScenarioValidationError.self) {
            try vehicle(#"{"curve": [{"soc": 0}, {"soc": 0.5, "kw": 3}]}"#)
        }
        #expect(
            error.issues.map(\.description) == [
                #"v.json:1:12: $.curve[0].kW: expected the required key "kW", found a curve point without it"#,
                #"v.json:1:24: $.curve[1].kW: expected the required key "kW", found a curve point without it"#,
                #"v.json:1:37: $.curve[1].kw: expected a key of a curve point, found "kw"; did you mean "kW"?; valid choices: soc, kW"#,
            ])
    }

    @Test func aBrokenProfileFileIsReportedWithItsPath() throws {
        // Served from memory: the scenario layer reads files only through a FileSource.
        let files = MemoryFiles(files: [
            "/p/stations/x.json": #"{"id": "x", "nominalVoltage": "230V"}"#,
            "/p/vehicles/v.json": #"{"id": "v", "soc": 0.5,}"#,
            "/p/vehicles/ok.json": #"{"id": "ok", "soc": 0.5}"#,
        ])
        let error = try #require(throws: ScenarioValidationError.self) {
            try ProfileLibrary(directory: "/p", files: files)
        }
        #expect(
            error.issues.map(\.description) == [
                "/p/stations/x.json:1:31: $.nominalVoltage: expected a number, found \"230V\"",
                "/p/vehicles/v.json:1:24: $: expected a string key after ',', found '}' (JSON allows no trailing comma)",
            ])
    }

    @Test func aLibraryReadFromMemory() throws {
        let files = MemoryFiles(files: [
            "/p/stations/s.json": #"{"id": "s", "hardwareMaxAmps": 16}"#,
            "/p/vehicles/v.json": #"{"id": "v", "soc": 0.25}"#,
        ])
        let library = try ProfileLibrary(directory: "/p", files: files)
        #expect(library.stationNames == ["s"])
        #expect(library.vehicleNames == ["v"])
        #expect(try library.stationProfile(ProfileSelection(profile: "s"), file: "t").hardwareMaxAmps == 16)
    }
}
