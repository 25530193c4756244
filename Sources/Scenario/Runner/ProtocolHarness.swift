import EVSEModel
import EverestAPI
import SimCore

/// The protocol faces a scenario talks through, fed the same way in fast mode as on a pty and a
/// broker: RAPI lines go through the byte-level receiver; MQTT publications go to the trace and
/// to the scenario's MQTT expectations instead of a socket.
struct ProtocolHarness {
    var everest: EverestFace
    /// The next 1 Hz EVerest publication.
    var nextTick: SimInstant = .zero + .seconds(1)
    /// The MQTT expectation being watched, if any.
    var watch: MQTTWatch?

    let traceTelemetry: Bool

    init(station: Station, traceTelemetry: Bool) {
        everest = EverestFace(station: station, configuration: EverestFaceConfiguration(traceTelemetry: traceTelemetry))
        self.traceTelemetry = traceTelemetry
    }

    /// The 1 Hz publication. Payloads are encoded only when someone reads them: the trace (with
    /// telemetry tracing on) or an MQTT expectation being watched.
    mutating func tick(station: inout Station) -> [TraceRecord] {
        let messages = traceTelemetry || watch != nil ? everest.tick(station: &station) : everest.sample(station: &station)
        nextTick = nextTick + .seconds(1)
        observe(messages, at: station.now)
        return everest.drainRecords()
    }

    mutating func afterStep(records: [TraceRecord], station: inout Station) -> [TraceRecord] {
        let messages = everest.afterStep(station: &station)
        observe(messages, at: station.now)
        return everest.drainRecords()
    }

    mutating func receiveMQTT(topic: String, payload: [UInt8], station: inout Station) -> [TraceRecord] {
        let full = topic.hasPrefix("everest_api/") ? topic : "everest_api/\(everest.evseID)/\(topic)"
        _ = everest.receive(topic: full, payload: payload, station: &station)
        return everest.drainRecords()
    }

    mutating func observe(_ messages: [MQTTMessage], at t: SimInstant) {
        guard watch != nil else { return }
        for m in messages { watch?.check(m, at: t) }
    }
}

/// MQTT topic filter matching with `+` and `#`.
enum TopicFilter {
    static func matches(_ filter: String, _ topic: String) -> Bool {
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
