import EverestAPI
import JSON
import SimCore
import Wire

/// An MQTT expectation being watched: every publication is checked as it is made.
struct MQTTWatch: Sendable {
    /// The expectation's topic as written.
    var topic: String
    /// The full topic filter.
    var filter: String
    var pattern: JSONSubsetPattern?
    var text: LinePattern?
    var window: SimDuration
    var matchedAt: SimInstant?
    var lastMismatch: String?
    /// A system status expectation: the statuses the next messages must carry, in order.
    var sequence: [String]?
    var seen: [String] = []
    /// A status out of sequence was seen: the expectation has failed.
    var broken = false

    mutating func check(_ message: MQTTMessage, at time: SimInstant) {
        guard matchedAt == nil, !broken, TopicFilter.matches(filter, message.topic) else { return }
        if let sequence {
            let json = try? JSONParser().parse(message.payload, file: message.topic)
            let status = json.flatMap { $0[topic]?.stringValue } ?? message.payloadText
            seen.append(status)
            if seen == Array(sequence.prefix(seen.count)) {
                if seen.count == sequence.count {
                    matchedAt = time
                } else {
                    lastMismatch = "only \(seen.joined(separator: " → ")) of \(sequence.joined(separator: " → "))"
                }
            } else {
                broken = true
                lastMismatch =
                    "sequence \(seen.joined(separator: " → ")), expected \(sequence.joined(separator: " → "))"
            }
            return
        }
        if let text {
            if text.matches(message.payloadText) {
                matchedAt = time
            } else {
                lastMismatch = "payload \"\(message.payloadText)\""
            }
            return
        }
        guard let pattern else {
            matchedAt = time
            return
        }
        guard let json = try? JSONParser().parse(message.payload, file: message.topic) else {
            lastMismatch = "payload is not JSON: \(message.payloadText)"
            return
        }
        if let mismatch = pattern.firstMismatch(in: json) {
            lastMismatch = "\(mismatch) in \(message.payloadText)"
        } else {
            matchedAt = time
        }
    }
}

/// MQTT topic filter matching with `+` and `#`.
enum TopicFilter {
    static func matches(_ filter: String, _ topic: String) -> Bool {
        // Most filters name one topic: compare them whole, without splitting (this runs for
        // every publication a watched scenario sees).
        if !filter.utf8.contains(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "#") }) {
            return filter == topic
        }
        let f = filter.split(separator: "/", omittingEmptySubsequences: false)
        let t = topic.split(separator: "/", omittingEmptySubsequences: false)
        for (i, part) in f.enumerated() {
            if part == "#" { return true }
            guard i < t.count else { return false }
            if part != "+", part != t[i] { return false }
        }
        return f.count == t.count
    }
}
