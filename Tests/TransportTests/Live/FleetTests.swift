import EverestAPI
import Foundation
import Glibc
import SimCore
import Testing
import Wire

@testable import Live
@testable import Transport

extension LiveServeTests {
    /// Several stations in one session: naming, shared topics, separate random streams.
    @Suite("A fleet of stations")
    struct FleetTests {
        @Test("three stations: ptys from the pattern, ids <id>_<k>, one face publishes the shared topics")
        func threeStations() throws {
            let pattern = uniqueLinkPath("fleet") + "-%d"
            var configuration = try LiveSetup.configuration(ptyPath: pattern, count: 3)
            let tracePath = LiveSetup.temporaryPath("fleet.jsonl")
            defer { unlink(tracePath) }
            configuration.tracePath = tracePath
            let driver = try LiveDriver(configuration, pacing: .maximum)
            var published: [MQTTMessage] = []
            driver.fleet.onPublish = { published.append($0) }

            let links = (0..<3).map { pattern.replacing("%d", with: String($0)) }
            #expect(driver.fleet.stations.compactMap { $0.pty?.linkPath } == links)
            let devices = links.compactMap { TerminalControl.readLink($0) }
            #expect(Set(devices).count == 3, "each station has its own pty: \(devices)")
            let ids = ["evse_manager_0", "evse_manager_1", "evse_manager_2"]
            #expect(driver.fleet.stations.map(\.evseID) == ids)

            let report = try driver.run(until: .at(5))
            driver.fleet.stop()
            #expect(report.ending == .reachedLimit)
            #expect(driver.fleet.now == .at(5))
            for link in links { #expect(access(link, F_OK) != 0, "\(link) removed at stop") }

            func payloads(_ topic: String) -> [String] { published.filter { $0.topic == topic }.map(\.payloadText) }
            let connectors = payloads("everest_api/connectors")
            #expect(connectors.count == 5, "once a second, from one face only")
            let listed = try connectors.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String] }
            #expect(listed.allSatisfy { $0 == ids })
            #expect(payloads("everest_api/errors/var/active_errors").count == 5)
            #expect(payloads("everest_api/ocpp/var/connection_status").count == 5)
            for id in ids {
                #expect(payloads("everest_api/\(id)/var/datetime").count == 5, "\(id) ticks every second")
                #expect(payloads("everest_api/\(id)/var/session_info").count >= 5)
            }
            // Stations draw from their own streams: the meters' noise differs at the same instant.
            let meters = ids.map { payloads("everest_api/\($0)/var/powermeter").first ?? "" }
            #expect(Set(meters).count == 3, "powermeter payloads: \(meters)")

            // In a fleet every trace record names its station.
            let records = try LiveSetup.traceRecords(tracePath)
            #expect(!records.isEmpty)
            let stations = Set(records.compactMap { $0["station"] as? Int })
            #expect(stations == [0, 1, 2])
            #expect(records.allSatisfy { $0["station"] is Int })
        }

        @Test(
            "one broker connection for the fleet: each command reaches the station whose topic it names",
            .enabled(if: sharedBrokerPort != nil, "MQTT_TEST_PORT is not set: run tools/test")
        )
        func commandRouting() throws {
            let port = try #require(sharedBrokerPort)
            var configuration = try LiveSetup.configuration(ptyPath: nil, count: 2)
            let base = "evsesim_fleet_\(getpid())_\(UInt16.random(in: 0...UInt16.max))"
            configuration.evseID = base
            configuration.mqtt = MQTTOptions(port: port, clientID: base)
            let driver = try LiveDriver(configuration, pacing: .scaled(10))
            let fleet = driver.fleet
            let client = try #require(fleet.mqtt)
            try driver.run(until: .at(600)) { client.isSubscribed }
            #expect(client.isSubscribed, "subscribed to every station's command topics")

            let peer = try publishWithPeer(port: port, topic: "everest_api/\(base)_1/cmd/set_limit_amps", message: "7")
            defer { peer.stop() }
            try driver.run(until: fleet.now + .seconds(300)) {
                fleet.stations[1].station.everest.limitAmps == 7
            }
            #expect(fleet.stations[1].station.everest.limitAmps == 7)
            #expect(fleet.stations[0].station.everest.limitAmps == nil, "the other station is untouched")
            let rejectedBefore = fleet.stations[0].rejectedCommands
            let bad = try publishWithPeer(
                port: port, topic: "everest_api/\(base)_0/cmd/set_limit_amps", message: "lots")
            defer { bad.stop() }
            try driver.run(until: fleet.now + .seconds(300)) { fleet.stations[0].rejectedCommands > rejectedBefore }
            #expect(fleet.stations[0].rejectedCommands == rejectedBefore + 1, "a malformed payload is rejected")
            #expect(fleet.stations[0].station.everest.limitAmps == nil)

            // The fleet subscribes by wildcard: another shard's EVSE and a name that is no
            // command reach the process, and no station takes them.
            #expect(fleet.fleetFilters == ["everest_api/+/cmd/+", "everest_api/1/system/+/e2m/+"])
            let elsewhere = try publishWithPeer(
                port: port, topic: "everest_api/\(base)_7/cmd/set_limit_amps", message: "9")
            defer { elsewhere.stop() }
            let unknown = try publishWithPeer(
                port: port, topic: "everest_api/\(base)_1/cmd/no_such_command", message: "9")
            defer { unknown.stop() }
            try driver.run(until: fleet.now + .seconds(300)) { fleet.unroutedMessages == 2 }
            #expect(fleet.unroutedMessages == 2)
            #expect(fleet.stations.map(\.station.everest.limitAmps) == [nil, 7])
            #expect(fleet.stations.map(\.rejectedCommands) == [rejectedBefore + 1, 0])
        }

        @Test(
            "refused configurations",
            arguments: [
                (2, "/tmp/evsesim-no-placeholder", "--pty-pattern"),
                (1, "/tmp/evsesim-%d-%d", "--pty-pattern"),
                (0, "/tmp/evsesim-%d", "--stations"),
            ])
        func refusedConfigurations(count: Int, ptyPath: String, subject: String) throws {
            let configuration = try LiveSetup.configuration(ptyPath: ptyPath, count: count)
            #expect(throws: LiveSetupError.self) { try configuration.validate() }
            do {
                try configuration.validate()
            } catch {
                #expect(error.subject == subject, "\(error)")
            }
        }

        @Test("a single station keeps the profile's EVSE id and the fast runs' stream name")
        func singleStationNaming() throws {
            var configuration = try LiveSetup.configuration(ptyPath: nil)
            #expect(configuration.evseIDs == ["evse_manager"])
            #expect(configuration.streamName(for: 0) == "station")
            #expect(configuration.ptyPath(for: 0) == nil)
            configuration.ptyPath = LiveFleetConfiguration.defaultPTYPattern
            #expect(configuration.ptyPath(for: 0) == "/tmp/evsesim-0")
            configuration.evseID = "connector"
            configuration.count = 2
            #expect(configuration.evseIDs == ["connector_0", "connector_1"])
            #expect(configuration.streamName(for: 1) == "station-1")
        }
    }
}
