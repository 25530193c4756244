/// The EVSE's own topics a face publishes every second, built once: interpolating them for
/// every message allocated a string per publication. The shared topics (`connectors`, `ocpp`,
/// `errors`) are built when published: one station of a fleet publishes them, and every
/// station would keep them.
struct EverestPublishedTopics: Sendable {
    let datetime: String
    let hardwareCapabilities: String
    let sessionInfo: String
    let selectedProtocol: String
    let limits: String
    let telemetry: String
    let powermeter: String

    init(_ topics: EverestTopics) {
        datetime = topics.variable(.datetime)
        hardwareCapabilities = topics.variable(.hardwareCapabilities)
        sessionInfo = topics.variable(.sessionInfo)
        selectedProtocol = topics.variable(.selectedProtocol)
        limits = topics.variable(.limits)
        telemetry = topics.variable(.telemetry)
        powermeter = topics.variable(.powermeter)
    }
}
