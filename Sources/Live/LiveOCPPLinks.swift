import EVSEModel
import Logging
import OCPP
import OCPPTransport
import Transport

/// The fleet's WebSocket connections to the CSMS, one per station (`--ocpp`): frames and
/// connection changes arrive on NIO's threads and reach each station through one
/// ``LoopMailbox``, at the instant the loop stamps; the station's frames go back to its link.
///
/// Confined to the live loop's thread (the links themselves are thread-safe).
final class LiveOCPPLinks {
    let links: [OCPPLink]
    let mailbox: LoopMailbox<OCPPLinkEvent>
    private unowned let fleet: LiveFleet

    /// - Parameter chargePointID: The charge point id of the station with index `k`.
    init(fleet: LiveFleet, settings: OCPPLinkSettings, chargePointID: (Int) -> String) throws(LiveLoopError) {
        self.fleet = fleet
        let mailbox = try LoopMailbox<OCPPLinkEvent>()
        self.mailbox = mailbox
        var links: [OCPPLink] = []
        for (position, station) in fleet.stations.enumerated() {
            let link = OCPPLink(
                position: position, chargePointID: chargePointID(station.index),
                settings: settings, mailbox: mailbox, logger: fleet.logger)
            station.ocppSender = { link.send($0) }
            let logger = fleet.logger
            station.ocppConnection = { open in
                logger.info(
                    open ? "ocpp connecting again: power is back" : "ocpp connection closed: the station lost power",
                    metadata: ["chargePoint": "\(link.chargePointID)"])
                if open { link.start() } else { link.close() }
            }
            links.append(link)
        }
        self.links = links
    }

    func attach(to loop: LiveLoop) {
        loop.register(mailbox, name: "ocpp") { [unowned self] _ in
            for event in mailbox.take() { deliver(event) }
        }
    }

    private func deliver(_ event: OCPPLinkEvent) {
        Self.deliver(event.kind, to: fleet.stations[event.position], of: fleet)
    }

    /// Hands one connection event to `station` at the fleet's instant, traced first as an input
    /// (`input.ocpp`) so that `evsesim replay` can feed it again the same way.
    static func deliver(_ kind: OCPPLinkEvent.Kind, to station: LiveStation, of fleet: LiveFleet) {
        station.catchUp(to: fleet.now)
        let field: TraceRecord.Field
        switch kind {
        case .connected: field = .init("connection", .string("up"))
        case .disconnected: field = .init("connection", .string("down"))
        case .frame(let bytes): field = .init("frame", .payload(bytes))
        }
        fleet.trace?.write(
            [TraceRecord(time: fleet.now, source: "ocpp", kind: "input.ocpp", fields: [field])],
            station: station.tracesIndex ? station.index : nil)
        switch kind {
        case .connected:
            fleet.logger.info(
                "ocpp connected", metadata: ["chargePoint": "\(station.ocpp?.identity.chargePointID ?? "-")"])
            station.ocppConnectionChanged(true)
        case .disconnected:
            station.ocppConnectionChanged(false)
        case .frame(let bytes):
            station.receive(ocppFrame: bytes)
        }
    }

    func start() { for link in links { link.start() } }

    func stop() { for link in links { link.stop() } }
}

extension OCPPLinkSettings {
    /// The configuration keys a station starts with: `extra` (a scenario's), then the link's
    /// ping interval and AuthorizationKey.
    func faceKeys(_ extra: [String: String] = [:]) -> OCPPConfiguration {
        var overrides = extra
        overrides["WebSocketPingInterval"] = String(pingInterval.components.seconds)
        if let password { overrides["AuthorizationKey"] = password }
        return OCPPConfiguration(overrides: overrides)
    }
}
