import EVSEModel
import JSON
import SystemAPI

extension ScenarioReader {
    /// `{"system": {"request": …, "payload": …, "reply": …, "replyTo": false}}`.
    mutating func readSystemRequest(_ node: JSONNode) -> SystemRequestStep? {
        guard
            let f = reader.fields(node, of: "a system step", allowed: ["system", "at", "label"], required: ["system"]),
            let body = f["system"],
            let s = reader.fields(
                body, of: "a system request", allowed: ["request", "payload", "reply", "replyTo"], required: ["request"]
            ),
            let nameNode = s["request"],
            let name = reader.name(nameNode, as: SystemRequestName.self, expected: "a system API request")
        else { return nil }
        var step = SystemRequestStep(name: name, payload: s["payload"]?.value)
        if let replyTo = s["replyTo"] {
            guard let wants = reader.bool(replyTo) else { return nil }
            step.wantsReply = wants
        }
        if let reply = s["reply"] {
            // The heartbeat's answer is the communication check.
            guard name.hasReply || name == .heartbeat, step.wantsReply else {
                reader.report(reply, expected: "no reply: \(name.rawValue) without a reply topic has none")
                return nil
            }
            step.reply = JSONSubsetPattern(reply.value)
        }
        return step
    }

    /// `{"expect": {"system": {"firmware_update_status" | "log_status": […], "within": …}}}`.
    mutating func readSystemExpectation(_ expect: JSONNode) -> SystemStatusExpectation? {
        guard let body = expect.value["system"],
            case let node = JSONNode(body, path: expect.path.appending("system")),
            let f = reader.fields(
                node, of: "a system status expectation", allowed: ["firmware_update_status", "log_status", "within"])
        else { return nil }
        let topic = f["firmware_update_status"] != nil ? "firmware_update_status" : "log_status"
        guard let list = f[topic], f["firmware_update_status"] == nil || f["log_status"] == nil else {
            reader.report(node, expected: #"one of "firmware_update_status" or "log_status" with a list of statuses"#)
            return nil
        }
        let choices =
            topic == "log_status"
            ? LogStatus.allCases.map(\.rawValue) : FirmwareUpdateStatus.allCases.map(\.rawValue)
        guard let elements = list.elements, !elements.isEmpty else {
            reader.report(list, expected: "a non-empty list of statuses")
            return nil
        }
        var statuses: [String] = []
        for element in elements {
            guard let status = reader.name(element, among: choices, expected: "a \(topic)") else { return nil }
            statuses.append(status)
        }
        var expectation = SystemStatusExpectation(topic: topic, statuses: statuses)
        if let within = f["within"] {
            guard let d = reader.duration(within, allowZero: false) else { return nil }
            expectation.within = d
        }
        return expectation
    }
}
