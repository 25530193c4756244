import JSON

extension ScenarioReader {
    /// The top-level `ocpp` section.
    mutating func readOCPPSettings(_ node: JSONNode) -> OCPPSettings? {
        guard
            let f = reader.fields(
                node, of: "the ocpp section", allowed: ["chargePointId", "idTag", "configuration", "csms", "connected"])
        else { return nil }
        var settings = OCPPSettings()
        var ok = true
        if let n = f["chargePointId"] {
            settings.chargePointID = reader.string(n, expected: "a charge point id")
            ok = ok && settings.chargePointID != nil
        }
        if let n = f["idTag"] {
            settings.idTag = reader.string(n, expected: "an idTag of at most 20 characters")
            ok = ok && settings.idTag != nil
        }
        if let n = f["connected"] {
            if let b = reader.bool(n) { settings.connected = b } else { ok = false }
        }
        if let n = f["configuration"] {
            if let object = n.value.objectValue {
                for member in object.members {
                    let child = JSONNode(member.value, path: n.path.appending(member.key))
                    // OCPP carries every value as a string; numbers and booleans are accepted as written.
                    switch member.value.kind {
                    case .string(let s): settings.configuration[member.key] = s
                    case .number(let x): settings.configuration[member.key] = x.text
                    case .bool(let b): settings.configuration[member.key] = b ? "true" : "false"
                    default:
                        reader.report(child, expected: "a configuration value (string, number or boolean)")
                        ok = false
                    }
                }
            } else {
                reader.report(n, expected: #"an object of configuration keys, e.g. {"HeartbeatInterval": "60"}"#)
                ok = false
            }
        }
        if let n = f["csms"] {
            if let object = n.value.objectValue {
                for member in object.members {
                    let child = JSONNode(member.value, path: n.path.appending(member.key))
                    guard
                        reader.name(
                            JSONNode(.string(member.key), path: child.path), among: OCPPActions.chargePoint,
                            expected: "an action the charge point sends") != nil,
                        let rule = readCSMSRule(child, allowed: ["reply", "error", "ignore", "default"])
                    else {
                        ok = false
                        continue
                    }
                    settings.csms[member.key] = rule
                }
            } else {
                reader.report(n, expected: #"an object of answers by action, e.g. {"Authorize": {"reply": {…}}}"#)
                ok = false
            }
        }
        return ok ? settings : nil
    }

    /// `{"reply": {…}}`, `{"error": code}`, `{"ignore": true}` or `{"default": true}` (other keys of
    /// `node` were checked by the caller).
    mutating func readCSMSRule(_ node: JSONNode, allowed: [String]) -> CSMSRule? {
        guard let f = reader.fields(node, of: "a CSMS answer", allowed: allowed) else { return nil }
        let given = ["reply", "error", "ignore", "default"].filter { f.contains($0) }
        guard given.count == 1 else {
            reader.report(node, expected: #"exactly one of "reply", "error", "ignore" or "default""#)
            return nil
        }
        switch given[0] {
        case "reply":
            guard let object = f["reply"]?.value.objectValue else {
                reader.report(f["reply"]!, expected: "an object of answer fields")
                return nil
            }
            return .reply(object)
        case "error":
            return reader.name(f["error"]!, among: OCPPActions.errorCodes, expected: "a CALLERROR code").map {
                .error($0)
            }
        case "ignore":
            return reader.bool(f["ignore"]!).map { $0 ? .ignore : .standard }
        default:
            return reader.bool(f["default"]!).map { _ in .standard }
        }
    }

    /// `{"ocpp": {…}}` as a step.
    mutating func readOCPPStep(_ node: JSONNode) -> OCPPStep? {
        guard let f = reader.fields(node, of: "an ocpp step", allowed: ["ocpp", "at", "label"], required: ["ocpp"]),
            let body = f["ocpp"],
            let o = reader.fields(
                body, of: "an ocpp step",
                allowed: [
                    "call", "payload", "reply", "error", "raw", "csms", "ignore", "default", "connection", "present",
                ])
        else { return nil }
        let kinds = ["call", "raw", "csms", "connection", "present"].filter { o.contains($0) }
        guard kinds.count == 1 else {
            reader.report(body, expected: #"exactly one of "call", "raw", "csms", "connection" or "present""#)
            return nil
        }
        switch kinds[0] {
        case "call", "raw":
            if o.contains("ignore") || o.contains("default") {
                reader.report(
                    body, expected: #""reply" or "error" to check the answer ("ignore"/"default" are for "csms")"#)
                return nil
            }
            if o.contains("reply"), o.contains("error") {
                reader.report(body, expected: #"either "reply" or "error", not both"#)
                return nil
            }
            var check: JSONSubsetPattern?
            if let reply = o["reply"] { check = JSONSubsetPattern(reply.value) }
            if let error = o["error"] {
                guard let code = reader.name(error, among: OCPPActions.errorCodes, expected: "a CALLERROR code") else {
                    return nil
                }
                check = JSONSubsetPattern(["errorCode": .string(code)])
            }
            if kinds[0] == "raw" {
                guard let raw = o["raw"], !o.contains("payload") else {
                    reader.report(body, expected: #"a "raw" frame without "payload""#)
                    return nil
                }
                let bytes = raw.value.stringValue.map { Array($0.utf8) } ?? JSONWriter.compact.bytes(raw.value)
                return .raw(bytes: bytes, check: check)
            }
            guard let action = reader.name(o["call"]!, among: OCPPActions.csms, expected: "an action the CSMS sends")
            else { return nil }
            var payload = JSONObject()
            if let p = o["payload"] {
                guard let object = p.value.objectValue else {
                    reader.report(p, expected: "the call's payload object")
                    return nil
                }
                payload = object
            }
            return .call(action: action, payload: payload, check: check)
        case "csms":
            guard
                let action = reader.name(
                    o["csms"]!, among: OCPPActions.chargePoint, expected: "an action the charge point sends"),
                let rule = readCSMSRule(
                    body, allowed: ["csms", "reply", "error", "ignore", "default"])
            else { return nil }
            return .csms(action: action, rule: rule)
        case "connection":
            return reader.name(o["connection"]!, among: ["up", "down"], expected: #""up" or "down""#).map {
                .connection(up: $0 == "up")
            }
        default:
            return reader.string(o["present"]!, expected: "an idTag").map { .present(idTag: $0) }
        }
    }

    /// `{"expect": {"ocpp": {"action": …, "payload": {…}, "within": …}}}`.
    mutating func readOCPPExpectation(_ expect: JSONNode) -> OCPPExpectation? {
        guard let body = expect.value["ocpp"], (expect.value.objectValue?.count ?? 0) == 1,
            case let node = JSONNode(body, path: expect.path.appending("ocpp")),
            let f = reader.fields(
                node, of: "an OCPP expectation", allowed: ["action", "payload", "within"], required: ["action"]),
            let actionNode = f["action"],
            let action = reader.name(
                actionNode, among: OCPPActions.chargePoint, expected: "an action the charge point sends")
        else {
            if (expect.value.objectValue?.count ?? 0) != 1 { reader.report(expect, expected: #"only the key "ocpp""#) }
            return nil
        }
        var expectation = OCPPExpectation(action: action)
        if let p = f["payload"] { expectation.payload = JSONSubsetPattern(p.value) }
        if let w = f["within"] {
            guard let d = reader.duration(w, allowZero: true) else { return nil }
            expectation.within = d
        }
        return expectation
    }
}
