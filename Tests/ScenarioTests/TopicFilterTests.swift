import Testing

@testable import Scenario

@Suite struct TopicFilterTests {
    @Test(
        "MQTT topic filters",
        arguments: [
            ("everest_api/+/var/limits", "everest_api/evse_manager/var/limits", true),
            ("everest_api/#", "everest_api/evse_manager/var/limits", true),
            ("everest_api/evse_manager/var/limits", "everest_api/evse_manager/var/limits", true),
            ("everest_api/+/var", "everest_api/evse_manager/var/limits", false),
            ("everest_api/evse_manager/var/limits/x", "everest_api/evse_manager/var/limits", false),
        ])
    func topicFilters(filter: String, topic: String, matches: Bool) {
        #expect(TopicFilter.matches(filter, topic) == matches)
    }
}
