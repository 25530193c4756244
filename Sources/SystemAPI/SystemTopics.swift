/// The system API's topics for one module (everest-core
/// `docs/source/reference/EVerest_API/system_API.yaml`, server pathname
/// `everest_api/1/system/{module_id}`): requests arrive on `e2m/<name>`, statuses leave on
/// `m2e/<name>`.
public struct SystemTopics: Hashable, Sendable {
    /// The module id, e.g. `system`.
    public let moduleID: String
    /// `everest_api/1/system/<module id>`.
    public let base: String

    /// The topics of module `moduleID`.
    public init(moduleID: String) {
        self.moduleID = moduleID
        self.base = "everest_api/1/system/\(moduleID)"
    }

    /// Every `e2m/…` topic, to subscribe to.
    public var requestTopics: [String] { SystemRequestName.allCases.map { topic(for: $0) } }

    /// The topic a request arrives on.
    public func topic(for name: SystemRequestName) -> String { "\(base)/e2m/\(name.rawValue)" }

    /// The request a topic carries, or nil when it is none of this module's.
    public func requestName(forTopic topic: String) -> SystemRequestName? {
        guard topic.hasPrefix(base + "/e2m/") else { return nil }
        return SystemRequestName(rawValue: String(topic.dropFirst(base.count + 5)))
    }

    /// `everest_api/1/system/+/e2m/+`: every module's requests, for a fleet that subscribes once
    /// and routes by ``moduleID(inRequestTopic:)``.
    public static let everyRequestFilter = "everest_api/1/system/+/e2m/+"

    /// The module id in a topic of the form `everest_api/1/system/<module id>/e2m/<name>` (the
    /// name is not checked), so a fleet routes a request by its module instead of keeping every topic.
    public static func moduleID(inRequestTopic topic: String) -> Substring? {
        let head = "everest_api/1/system/"
        guard topic.hasPrefix(head) else { return nil }
        let rest = topic.dropFirst(head.count)
        guard let slash = rest.firstIndex(of: "/"), rest[slash...].hasPrefix("/e2m/") else { return nil }
        return rest[..<slash]
    }

    /// `m2e/firmware_update_status`.
    public var firmwareUpdateStatus: String { "\(base)/m2e/firmware_update_status" }
    /// `m2e/log_status`.
    public var logStatus: String { "\(base)/m2e/log_status" }
    /// `m2e/communication_check`.
    public var communicationCheck: String { "\(base)/m2e/communication_check" }
    /// Where EVerest expects replies: `m2e/reply/<id>` (everest-core `lib/everest/everest_api_types`).
    public func replyTopic(_ id: String) -> String { "\(base)/m2e/reply/\(id)" }
}
