import EVSEModel
import JSON
public import Live
import Scenario
import SimCore
public import Transport

/// The loop's side of the control API: answers the requests the ``ControlGate`` queued, on the
/// live loop's thread, at the simulated instant the loop stamped when it noticed them.
///
/// An action is applied like a pty line or an MQTT command: the fleet is run up to the instant,
/// the station is brought to it, the action is recorded (`input.control`) and applied, and the
/// reply shows the station afterwards. Once a second of wall time the desk also sends a
/// `status` event (the station's snapshot) to every watched station's stream; station records
/// go to the streams as they happen.
///
/// Confined to the live loop's thread.
public final class ControlDesk {
    /// The stations.
    public let fleet: LiveFleet
    /// The thread-safe side.
    public let gate: ControlGate
    private let positions: [Int: Int]
    private let writer = TraceWriter()
    /// How often watched stations get a `status` event.
    static let statusInterval = Duration.seconds(1)

    /// Connects the gate to the fleet's stations: their records go to the event streams.
    public init(fleet: LiveFleet, gate: ControlGate) {
        self.fleet = fleet
        self.gate = gate
        var positions: [Int: Int] = [:]
        for (position, station) in fleet.stations.enumerated() { positions[station.index] = position }
        self.positions = positions
        let hub = gate.hub
        let writer = writer
        for station in fleet.stations {
            let index = station.index
            station.onRecords = { records in
                guard hub.isWatched(station: index) else { return }
                for record in records { hub.publish(station: index, event: "record", data: writer.line(record)) }
            }
        }
    }

    /// Registers the mailbox with `loop`.
    public func attach(to loop: LiveLoop) {
        gate.mailbox.deadline = ContinuousClock.now + Self.statusInterval
        loop.register(gate.mailbox, name: "control API") { [unowned self] readiness in
            for message in gate.mailbox.take() { handle(message) }
            if let due = gate.mailbox.deadline, due <= readiness.wallTime {
                gate.mailbox.deadline = readiness.wallTime + Self.statusInterval
                for index in gate.hub.watchedStations {
                    guard let position = positions[index] else { continue }
                    let snapshot = StationSnapshot.json(fleet.stations[position])
                    gate.hub.publish(station: index, event: "status", data: snapshot.jsonText)
                }
            }
        }
    }

    /// Answers one request.
    func handle(_ message: ControlMessage) {
        switch message {
        case .list(let reply):
            var object = JSONObject()
            object["t"] = .double(Double(fleet.now.nanoseconds) / 1e9)
            object["lagMs"] = .double(Double(fleet.currentLag.nanosecondsRounded) / 1e6)
            object["stations"] = .array(fleet.stations.map(StationSnapshot.json))
            reply(ControlReply(status: 200, .object(object)))
        case .station(let index, let reply):
            guard let position = positions[index] else { return reply(Self.noStation(index)) }
            reply(ControlReply(status: 200, StationSnapshot.json(fleet.stations[position])))
        case .perform(let index, let action, let request, let reply):
            guard let position = positions[index] else { return reply(Self.noStation(index)) }
            fleet.perform(action, request: request, onStationAt: position)
            var object = JSONObject()
            object["applied"] = (try? JSONParser().parse(request, file: "request")) ?? .null
            object["t"] = .double(Double(fleet.now.nanoseconds) / 1e9)
            object["station"] = StationSnapshot.json(fleet.stations[position])
            reply(ControlReply(status: 200, .object(object)))
        }
    }

    static func noStation(_ index: Int) -> ControlReply {
        .error(404, "no station \(index) in this session (GET /api/stations lists them)")
    }
}
