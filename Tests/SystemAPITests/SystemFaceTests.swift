import EVSEModel
import JSON
import SimCore
import SystemAPI
import Testing
import Wire

/// The system API face on a station: requests in, replies and statuses out, in virtual time.
@Suite struct SystemFaceTests {
    let topics = SystemTopics(moduleID: "system")

    func station(_ configure: (inout StationProfile) -> Void = { _ in }) -> Station {
        var profile = StationProfile()
        configure(&profile)
        return Station(profile: profile, vehicle: VehicleProfile(), seed: 1)
    }

    func request(_ name: SystemRequestName, _ payload: String?, replyTo: String? = "r") -> [UInt8] {
        var parts: [String] = []
        if let replyTo { parts.append(#""headers":{"replyTo":"\#(replyTo)"}"#) }
        if let payload { parts.append(#""payload":\#(payload)"#) }
        return Array("{\(parts.joined(separator: ","))}".utf8)
    }

    /// Sends a request; returns the reply text (nil: none) and the rejection.
    func send(
        _ face: inout SystemFace, _ station: inout Station, _ name: SystemRequestName, _ bytes: [UInt8]
    ) -> (reply: String?, rejection: String?, statuses: [String]) {
        let out = face.receive(topic: topics.topic(for: name), payload: bytes, station: &station)
        let reply = out.messages.first { $0.topic == "r" }?.payloadText
        let statuses = face.afterStep(events: station.drainEvents(), station: station).map(\.payloadText)
        return (reply, out.rejection, statuses)
    }

    /// Runs the station to `t`, collecting the status messages with their instants.
    func run(_ face: inout SystemFace, _ station: inout Station, until t: SimInstant) -> [String] {
        var statuses: [String] = []
        while station.step(notAfter: t) != nil {
            for message in face.afterStep(events: station.drainEvents(), station: station) {
                statuses.append("\(station.now.nanoseconds / 1_000_000_000)s \(message.payloadText)")
            }
        }
        station.run(until: t)
        return statuses
    }

    @Test(
        arguments: [
            ("everest_api/1/system/system_9/e2m/reset", "system_9"),
            ("everest_api/1/system/system_9/e2m/unknown", "system_9"),
            ("everest_api/1/system/system_9/m2e/log_status", nil),
            ("everest_api/1/system/system_9", nil),
            ("everest_api/evse_manager/cmd/enable", nil),
        ] as [(String, String?)])
    func moduleIDInRequestTopic(topic: String, id: String?) {
        #expect(SystemTopics.moduleID(inRequestTopic: topic).map(String.init) == id)
        if let id { #expect(SystemTopics(moduleID: id).topic(for: .reset).hasPrefix("everest_api/1/system/\(id)/e2m/")) }
    }

    @Test func topicsAreTheDocumentsAddresses() {
        #expect(topics.requestTopics.count == 8)
        #expect(topics.requestTopics.contains("everest_api/1/system/system/e2m/update_firmware"))
        #expect(topics.firmwareUpdateStatus == "everest_api/1/system/system/m2e/firmware_update_status")
        #expect(topics.requestName(forTopic: "everest_api/1/system/system/e2m/reset") == .reset)
        #expect(topics.requestName(forTopic: "everest_api/1/system/other/e2m/reset") == nil)
    }

    @Test func signedUpdateRunsThroughEveryStatusInVirtualTime() {
        var s = station { $0.system.updatedFirmwareVersion = "9.9.9" }
        var face = SystemFace(moduleID: "system")
        let payload = #"{"request_id":5,"location":"ftp://x","signature":"c2ln","signing_certificate":"pem"}"#
        let sent = send(&face, &s, .updateFirmware, request(.updateFirmware, payload))
        #expect(sent.reply == #""Accepted""#)
        #expect(sent.statuses == [#"{"firmware_update_status":"Downloading","request_id":5}"#])
        let downloaded = run(&face, &s, until: .zero + .seconds(25))
        #expect(
            downloaded == [
                #"20s {"firmware_update_status":"Downloaded","request_id":5}"#,
                #"20s {"firmware_update_status":"SignatureVerified","request_id":5}"#,
            ])
        _ = send(&face, &s, .allowFirmwareInstallation, [])
        let installed = run(&face, &s, until: .zero + .seconds(70))
        #expect(installed.map { $0.split(separator: " ")[0] } == ["55s", "61s"])
        #expect(installed.last?.contains("Installed") == true)
        #expect(s.runningFirmwareVersion == "9.9.9")
        let start = s.wallTime.startEpochSeconds
        let log = String(decoding: face.logText(station: s, oldest: start + 19, latest: start + 21), as: UTF8.self)
        #expect(log.contains(" station system.firmware status=SignatureVerified request=5"))
        #expect(!log.contains("status=Downloading "))
        #expect(s.system.bootReason == .firmwareUpdate)
    }

    @Test(arguments: [
        (SystemFault?.none, "Installed"), (.installationFails, "InstallationFailed"),
        (.installVerificationFails, "InstallVerificationFailed"),
    ])
    func scheduledInstallEndsAsInjected(fault: SystemFault?, last: String) {
        var s = station()
        var face = SystemFace(moduleID: "system")
        if let fault { s.setSystemFault(fault, active: true) }
        // The calendar starts at the profile's wall time; install 100 s after the request.
        let install = s.wallTime.rfc3339(at: .zero + .seconds(100), milliseconds: false)
        let payload = #"{"request_id":2,"location":"ftp://x","install_timestamp":"\#(install)"}"#
        #expect(send(&face, &s, .updateFirmware, request(.updateFirmware, payload)).reply == #""Accepted""#)
        _ = run(&face, &s, until: .zero + .seconds(25))
        let allowed = send(&face, &s, .allowFirmwareInstallation, [])
        #expect(allowed.statuses == [#"{"firmware_update_status":"InstallScheduled","request_id":2}"#])
        let statuses = run(&face, &s, until: .zero + .seconds(200))
        let names = statuses.compactMap { $0.split(separator: "\"").dropFirst(3).first.map(String.init) }
        #expect(statuses.first?.hasPrefix("100s ") == true, "installing at the install timestamp: \(statuses)")
        #expect(names.first == "Installing")
        #expect(names.last == last)
        #expect(s.system.firmware == nil)
    }

    @Test func softResetWaitsForTheTransaction() {
        var s = station()
        var face = SystemFace(moduleID: "system")
        s.apply(.plug)
        s.run(until: .zero + .seconds(10))
        _ = s.drainEvents()
        #expect(send(&face, &s, .isResetAllowed, request(.isResetAllowed, #""Soft""#)).reply == "false")
        #expect(send(&face, &s, .isResetAllowed, request(.isResetAllowed, #""Hard""#)).reply == "true")
        _ = send(&face, &s, .reset, Array(#"{"type":"Soft"}"#.utf8))
        #expect(s.system.pendingReset == .soft)
        s.apply(.unplug)
        s.run(until: .zero + .seconds(20))
        #expect(s.system.pendingReset == nil)
        #expect(s.system.bootReason == .remoteReset)
    }

    @Test func bootReasonsFollowTheirCause() {
        var s = station()
        #expect(s.system.bootReason == .powerUp)
        s.reboot()
        s.run(until: .zero + .seconds(10))
        #expect(s.system.bootReason == .localReset)
        s.apply(.powerCut(for: .seconds(1)))
        s.run(until: .zero + .seconds(20))
        #expect(s.system.bootReason == .powerUp)
        var face = SystemFace(moduleID: "system")
        _ = send(&face, &s, .reset, Array(#"{"type":"Hard","scheduled":true}"#.utf8))
        s.run(until: .zero + .seconds(30))
        #expect(s.system.bootReason == .scheduledReset)
        s.reboot(reason: .watchdog)
        s.run(until: .zero + .seconds(40))
        #expect(s.system.bootReason == .watchdog)
    }

    @Test func setSystemTimeMovesTheCalendarOnly() {
        var s = station()
        var face = SystemFace(moduleID: "system")
        let reply = send(&face, &s, .setSystemTime, request(.setSystemTime, #""2030-01-01T00:00:00Z""#)).reply
        #expect(reply == "true")
        #expect(s.calendarEpochSeconds == 1_893_456_000)
        #expect(s.now == .zero)
    }

    @Test func heartbeatIsAnsweredByCommunicationCheck() {
        var s = station()
        var face = SystemFace(moduleID: "system")
        let out = face.receive(topic: topics.topic(for: .heartbeat), payload: Array("42".utf8), station: &s)
        #expect(out.messages.map(\.topic) == [topics.communicationCheck])
        #expect(out.messages.map(\.payloadText) == ["true"])
    }

    @Test func noReplyWithoutReplyTo() {
        var s = station()
        var face = SystemFace(moduleID: "system")
        let out = face.receive(
            topic: topics.topic(for: .getBootReason), payload: request(.getBootReason, nil, replyTo: nil), station: &s)
        #expect(out.messages.isEmpty)
        #expect(out.rejection == nil)
    }

    @Test(arguments: [
        (SystemRequestName.updateFirmware, #"{"request_id":1}"#, #""Rejected""#),
        (.updateFirmware, #"{"request_id":1.5,"location":"a"}"#, #""Rejected""#),
        (.updateFirmware, #"{"request_id":1,"location":"a","retries":0}"#, #""Rejected""#),
        (.updateFirmware, #"{"request_id":1,"location":"a","retrieve_timestamp":"soon"}"#, #""Rejected""#),
        (
            .updateFirmware, #"{"request_id":1,"location":"a","install_timestamp":"9999-01-01T00:00:00Z"}"#,
            #""Rejected""#
        ),
        (.updateFirmware, #"{"request_id":1,"location":"a","signature":"c2ln"}"#, #""InvalidCertificate""#),
        (.updateFirmware, #""not an object""#, #""Rejected""#),
        (.uploadLogs, #"{"request_id":1}"#, #"{"upload_logs_status":"Rejected"}"#),
        (.isResetAllowed, #""Later""#, "false"),
        (.setSystemTime, #""yesterday""#, "false"),
    ])
    func invalidRequestsAreRefusedWithoutStateChange(name: SystemRequestName, payload: String, refusal: String) {
        var s = station()
        var face = SystemFace(moduleID: "system")
        let before = s.system
        let sent = send(&face, &s, name, request(name, payload))
        #expect(sent.reply == refusal)
        #expect(sent.rejection != nil)
        #expect(sent.statuses.isEmpty)
        #expect(s.system == before)
    }

    @Test(arguments: ["", "{", #"{"headers":{"replyTo":5},"payload":"Soft"}"#, #"{"headers":{}}"#])
    func unreadableEnvelopesAreRejectedWithAReason(text: String) {
        var s = station()
        var face = SystemFace(moduleID: "system")
        let out = face.receive(topic: topics.topic(for: .isResetAllowed), payload: Array(text.utf8), station: &s)
        #expect(out.rejection?.hasPrefix("is_reset_allowed: ") == true)
        #expect(out.messages.isEmpty)
    }

    @Test func hugeRetriesAreCapped() {
        var s = station()
        var face = SystemFace(moduleID: "system")
        let sent = send(
            &face, &s, .updateFirmware,
            request(.updateFirmware, #"{"request_id":1,"location":"a","retries":1000000000}"#))
        #expect(sent.reply == #""Accepted""#)
        #expect(s.system.firmware?.retries == SystemFace.maxRetries)
    }

    @Test("a fleet shares a budget of log records, so a long-running fleet's memory stays bounded")
    func logCapacityIsBoundedPerFleet() {
        #expect(SystemFace.logCapacity(stations: 1) == SystemFace.maxLogEntries)
        #expect(SystemFace.logCapacity(stations: 1_000) == SystemFace.fleetLogBudget / 1_000)
        #expect(SystemFace.logCapacity(stations: 100_000) == 100)
        var face = SystemFace(moduleID: "system")
        face.logCapacity = 100
        let st = station()
        for k in 0..<1_000 {
            face.keepForLog([TraceRecord(time: .zero + .seconds(Int64(k)), source: "rapi", kind: "rapi.in")])
        }
        let lines = String(decoding: face.logText(station: st, oldest: nil, latest: nil), as: UTF8.self)
            .split(separator: "\n")
        // The header, then at most a quarter more than the capacity, the newest last.
        #expect(lines.count - 1 >= 100 && lines.count - 1 <= 125, "\(lines.count - 1) records kept")
        let newest = SystemFace.plainLine(TraceRecord(time: .zero + .seconds(999), source: "rapi", kind: "rapi.in"))
        #expect(lines.last.map(String.init) == newest, "the newest record is kept")
    }
}
