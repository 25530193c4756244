import JSON
import SimCore
import SystemAPI
import Wire

extension ScenarioInterpreter {
    /// Sends a `system` step's request the way EVerest does (everest-core
    /// `lib/everest/everest_api_types/utilities/AsyncApiRequestReply.hpp`): in the
    /// `{"headers": {"replyTo": …}, "payload": …}` envelope with a fresh reply topic, except for
    /// `reset` (a bare `ResetRequest`), `heartbeat` (a bare integer) and
    /// `allow_firmware_installation` (no payload). A reply to check is watched on the reply topic;
    /// it is published while the request is handled, so the window is the same instant.
    mutating func startSystemRequest(_ request: SystemRequestStep, step: ScenarioStep, now: SimInstant) {
        systemRequests += 1
        let replyTopic = systemTopics.replyTopic("scenario-\(systemRequests)")
        let bytes: [UInt8]
        switch request.name {
        case .reset, .heartbeat, .allowFirmwareInstallation:
            bytes = request.payload.map { JSONWriter.compact.bytes($0) } ?? []
        default:
            var envelope = JSONObject()
            if request.wantsReply {
                var headers = JSONObject()
                headers["replyTo"] = JSONValue(.string(replyTopic))
                envelope["headers"] = JSONValue(.object(headers))
            }
            if let payload = request.payload { envelope["payload"] = payload }
            bytes = JSONWriter.compact.bytes(JSONValue(.object(envelope)))
        }
        if let reply = request.reply {
            let heartbeat = request.name == .heartbeat
            let watch = MQTTWatch(
                topic: heartbeat ? "communication_check" : "reply to \(request.name.rawValue)",
                filter: heartbeat ? systemTopics.communicationCheck : replyTopic, pattern: reply, text: nil,
                window: .zero)
            pending = .watch(watch, step, deadline: now)
        }
        emit(.publish(topic: systemTopics.topic(for: request.name), payload: bytes))
    }

    /// Starts a status expectation: the statuses published since the previous one on the same
    /// topic (e.g. `Downloading`, which follows the request at once) count first, so every
    /// status is matched in order.
    mutating func startSystemExpectation(_ expectation: SystemStatusExpectation, step: ScenarioStep, now: SimInstant) {
        let window = expectation.within ?? .seconds(2)
        let filter = systemTopics.base + "/m2e/" + expectation.topic
        var watch = MQTTWatch(topic: expectation.topic, filter: filter, pattern: nil, text: nil, window: window)
        watch.sequence = expectation.statuses
        for kept in systemStatusBacklog where kept.message.topic == filter { watch.check(kept.message, at: kept.time) }
        systemStatusBacklog.removeAll { $0.message.topic == filter }
        pending = .watch(watch, step, deadline: now + window)
    }

    /// Keeps a status message for the next status expectation on its topic.
    mutating func keepSystemStatus(_ message: MQTTMessage, at time: SimInstant) {
        guard Self.isStatus(message.topic, of: systemTopics) else { return }
        systemStatusBacklog.append((message, time))
    }

    /// Whether `topic` is the system module's `firmware_update_status` or `log_status`, compared
    /// in place: the two topics were kept per station for this, in every station of a fleet.
    static func isStatus(_ topic: String, of topics: SystemTopics) -> Bool {
        // Every publication of a fleet's every station comes here: their lengths (known without
        // reading the text) turn nearly all away before any byte is compared.
        let length = topic.utf8.count - topics.base.utf8.count
        let suffix: StaticString
        switch length {
        case firmwareStatusSuffix.utf8CodeUnitCount: suffix = firmwareStatusSuffix
        case logStatusSuffix.utf8CodeUnitCount: suffix = logStatusSuffix
        default: return false
        }
        let utf8 = topic.utf8
        return utf8.starts(with: topics.base.utf8)
            && utf8.dropFirst(topics.base.utf8.count).elementsEqual(
                UnsafeBufferPointer(start: suffix.utf8Start, count: suffix.utf8CodeUnitCount))
    }

    /// What follows the module's base in its two status topics (their lengths differ).
    private static var firmwareStatusSuffix: StaticString { "/m2e/firmware_update_status" }
    private static var logStatusSuffix: StaticString { "/m2e/log_status" }
}
