import EVSEModel
import SimCore

/// Decides when the trace gets a `sample` record: the station's physical readings in one compact
/// line, so a report can chart a session without the 1 Hz MQTT payloads (README "Trace").
///
/// A sample is written when a discrete reading (pilot state, relay, EVerest phase, active
/// errors) changed, at once, and when only continuous readings (currents, power, energy, SoC,
/// temperature) changed, at most once per ``interval``. Readings are rounded to the decimals
/// the record prints before they are compared, so a change too small to show writes nothing.
/// Only noise-free readings are used: sampling never draws from the station's random streams.
public struct StationSampler: Sendable {
    /// The shortest time between two samples that differ only in continuous readings.
    public var interval: SimDuration
    var lastDiscrete: [TraceRecord.Field] = []
    var lastContinuous: [TraceRecord.Field] = []
    var lastTime: SimInstant?

    /// A sampler that writes continuous changes at most once per `interval`.
    public init(interval: SimDuration = .seconds(10)) { self.interval = interval }

    /// The sample record due now, or nil when nothing worth a record changed.
    public mutating func sample(_ station: Station) -> TraceRecord? {
        let discrete = Self.discrete(station)
        let continuous = Self.continuous(station)
        let now = station.now
        if let last = lastTime {
            let discreteChanged = discrete != lastDiscrete
            let continuousDue = continuous != lastContinuous && now - last >= interval
            guard discreteChanged || continuousDue else { return nil }
        }
        lastDiscrete = discrete
        lastContinuous = continuous
        lastTime = now
        return TraceRecord(time: now, source: "station", kind: "sample", fields: continuous + discrete)
    }

    static func discrete(_ s: Station) -> [TraceRecord.Field] {
        [
            .init("pilot", .string(s.linePilot?.rawValue ?? "none")),
            .init("relay", .bool(s.relay.closed)),
            .init("everest", .string(s.everest.phase.rawValue)),
            .init("errors", .string(s.everest.errors.errors.map(\.type.rawValue).joined(separator: ","))),
        ]
    }

    static func continuous(_ s: Station) -> [TraceRecord.Field] {
        let amps = s.flowingAmps
        let phases = amps > 0 ? s.activePhases : 0
        return [
            .init("duty", rounded(s.pilotSignal.dutyPercent, 1)),
            .init("offered", rounded(s.offeredAmps, 1)),
            .init("l1", rounded(phases >= 1 ? amps : 0, 2)),
            .init("l2", rounded(phases >= 2 ? amps : 0, 2)),
            .init("l3", rounded(phases >= 3 ? amps : 0, 2)),
            .init("power", rounded(s.truePower, 0)),
            .init("energy", rounded(s.meter.importedWh, 1)),
            .init("soc", rounded(s.vehicle?.soc ?? 0, 4)),
            .init("temp", rounded(s.temperatureCelsius, 2)),
        ]
    }

    /// A number rounded to what the trace prints, so equal-looking readings compare equal
    /// (and -0 prints as 0).
    static func rounded(_ v: Double, _ decimals: Int) -> TraceValue {
        guard v.isFinite else { return .number(v, decimals: decimals) }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        return .number((v * scale).rounded() / scale + 0.0, decimals: decimals)
    }
}
