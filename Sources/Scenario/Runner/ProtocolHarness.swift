import EVSEModel
import EverestAPI
import RAPI
import SimCore

/// The protocol faces a scenario talks through, fed the same way in fast mode as on a pty and a
/// broker: RAPI lines go through the byte-level receiver; MQTT publications go to the trace and
/// to the scenario's MQTT expectations instead of a socket.
struct ProtocolHarness {
    var everest: EverestFace
    var rapi: RAPIFace
    /// Unsolicited RAPI lines (`$AT`, `$AB`) since a RAPI step started watching them.
    var rapiAsync: [String]?
    /// The next 1 Hz EVerest publication.
    var nextTick: SimInstant = .zero + .seconds(1)
    /// The MQTT expectation being watched, if any.
    var watch: MQTTWatch?

    let traceTelemetry: Bool

    init(station: Station, traceTelemetry: Bool) {
        everest = EverestFace(station: station, configuration: EverestFaceConfiguration(traceTelemetry: traceTelemetry))
        rapi = RAPIFace(station: station)
        self.traceTelemetry = traceTelemetry
    }

    /// The 1 Hz publication. Payloads are encoded only when someone reads them: the trace (with
    /// telemetry tracing on) or an MQTT expectation being watched.
    mutating func tick(station: inout Station) -> [TraceRecord] {
        let messages =
            traceTelemetry || watch != nil ? everest.tick(station: &station) : everest.sample(station: &station)
        nextTick = nextTick + .seconds(1)
        observe(messages, at: station.now)
        return everest.drainRecords()
    }

    mutating func afterStep(events: [TimedStationEvent], station: inout Station) -> [TraceRecord] {
        let rapiOut = rapi.poll(events: events, station: &station)
        noteAsync(rapiOut)
        let messages = everest.afterStep(events: events, station: station)
        observe(messages, at: station.now)
        return rapiOut.records + everest.drainRecords()
    }

    /// Feeds a RAPI line to the face as a client would send it, CR included.
    mutating func sendRAPI(_ line: String, station: inout Station) -> RAPIFaceOutput {
        var bytes = Array(line.utf8)
        if bytes.last != 13 { bytes.append(13) }
        let out = rapi.receive(bytes, station: &station)
        noteAsync(out)
        return out
    }

    mutating func noteAsync(_ out: RAPIFaceOutput) {
        guard rapiAsync != nil else { return }
        for w in out.writes where w.kind == .async { rapiAsync?.append(Self.line(w.bytes)) }
    }

    /// The text of a written line without its CR/LF terminator.
    static func line(_ bytes: [UInt8]) -> String {
        var b = bytes[...]
        while let last = b.last, last == 13 || last == 10 { b = b.dropLast() }
        return String(decoding: b, as: UTF8.self)
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
