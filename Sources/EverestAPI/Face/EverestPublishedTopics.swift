/// The topics a face publishes every second, built once: interpolating them for every message
/// allocated a string per publication.
struct EverestPublishedTopics: Sendable {
    let connectors: String
    let ocppConnectionStatus: String
    let ocppChargingSchedules: String
    let activeErrors: String
    let datetime: String
    let hardwareCapabilities: String
    let sessionInfo: String
    let selectedProtocol: String
    let limits: String
    let telemetry: String
    let powermeter: String

    init(_ topics: EverestTopics) {
        connectors = topics.connectors
        ocppConnectionStatus = topics.ocppConnectionStatus
        ocppChargingSchedules = topics.ocppChargingSchedules
        activeErrors = topics.activeErrors
        datetime = topics.variable(.datetime)
        hardwareCapabilities = topics.variable(.hardwareCapabilities)
        sessionInfo = topics.variable(.sessionInfo)
        selectedProtocol = topics.variable(.selectedProtocol)
        limits = topics.variable(.limits)
        telemetry = topics.variable(.telemetry)
        powermeter = topics.variable(.powermeter)
    }
}
