import EverestAPI
import Foundation
import Glibc
import SimCore
import Testing

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
            var published: [EverestAPI.MQTTMessage] = []
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
