import Testing

@testable import EverestAPI

@Suite("Topic names (API module API::init)")
struct EverestTopicsTests {
    @Test("the README's topics for the default EVSE id")
    func defaults() {
        let topics = EverestTopics()
        #expect(topics.connectors == "everest_api/connectors")
        #expect(topics.variable(.datetime) == "everest_api/evse_manager/var/datetime")
        #expect(topics.variable(.hardwareCapabilities) == "everest_api/evse_manager/var/hardware_capabilities")
        #expect(topics.variable(.sessionInfo) == "everest_api/evse_manager/var/session_info")
        #expect(topics.variable(.limits) == "everest_api/evse_manager/var/limits")
        #expect(topics.variable(.telemetry) == "everest_api/evse_manager/var/telemetry")
        #expect(topics.variable(.powermeter) == "everest_api/evse_manager/var/powermeter")
        #expect(topics.ocppConnectionStatus == "everest_api/ocpp/var/connection_status")
        #expect(topics.activeErrors == "everest_api/errors/var/active_errors")
        #expect(topics.command(.setLimitAmps) == "everest_api/evse_manager/cmd/set_limit_amps")
        #expect(
            topics.command(.ukRandomDelaySetMaxDuration)
                == "everest_api/evse_manager/cmd/uk_random_delay_set_max_duration_s")
    }

    @Test("a configured EVSE id and prefix apply to every topic")
    func prefixAndID() {
        let topics = EverestTopics(evseID: "connector_1", prefix: "site7/")
        #expect(topics.connectors == "site7/everest_api/connectors")
        #expect(topics.variable(.limits) == "site7/everest_api/connector_1/var/limits")
        #expect(topics.activeErrors == "site7/everest_api/errors/var/active_errors")
        #expect(topics.commandTopics.count == EverestCommandName.allCases.count)
        #expect(topics.commandTopics.allSatisfy { $0.hasPrefix("site7/everest_api/connector_1/cmd/") })
    }

    @Test("command topics map back to their command", arguments: EverestCommandName.allCases)
    func roundTrip(name: EverestCommandName) {
        let topics = EverestTopics(evseID: "connector_2", prefix: "p/")
        #expect(topics.commandName(forTopic: topics.command(name)) == name)
        #expect(EverestTopics().commandName(forTopic: topics.command(name)) == nil)
    }

    @Test(
        "foreign topics are not commands",
        arguments: [
            "everest_api/evse_manager/cmd/unknown", "everest_api/evse_manager/var/limits",
            "everest_api/evse_manager/cmd/", "everest_api/evse_manager/cmd/enable/x",
        ])
    func foreign(topic: String) {
        #expect(EverestTopics().commandName(forTopic: topic) == nil)
    }

    @Test(
        "the EVSE id a command topic names, for routing in a fleet",
        arguments: [
            ("p/everest_api/evse_manager_17/cmd/set_limit_amps", "evse_manager_17"),
            ("p/everest_api/evse_manager_17/cmd/no_such_command", "evse_manager_17"),
            ("p/everest_api/ocpp/cmd/connect", "ocpp"),
            ("p/everest_api/evse_manager_17/var/limits", nil),
            ("everest_api/evse_manager_17/cmd/enable", nil),
            ("p/everest_api/connectors", nil),
        ] as [(String, String?)])
    func evseIDInCommandTopic(topic: String, id: String?) {
        #expect(EverestTopics(evseID: "x", prefix: "p/").evseID(inCommandTopic: topic).map(String.init) == id)
    }
}
