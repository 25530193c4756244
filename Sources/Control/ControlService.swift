public import Live
public import Logging
public import Transport

/// The control API and dashboard of one `serve` session: the HTTP server on its own threads and
/// the desk that answers it on the live loop.
///
/// Create it once the fleet exists (its stations' records are then routed to the event
/// streams), pass ``attach(to:)`` to the fleet's `serve`, and ``stop()`` after the session.
public final class ControlService {
    /// The HTTP side (its address holds the port the system chose for port 0).
    public let server: ControlServer
    private let desk: ControlDesk

    /// Binds the server and connects it to `fleet`.
    /// - Throws: ``ControlAddress/Problem`` when the address cannot be bound or the loop's
    ///   wake-up pipe cannot be made.
    public init(address: ControlAddress, fleet: LiveFleet, logger: Logger) throws(ControlAddress.Problem) {
        let gate: ControlGate
        do {
            gate = try ControlGate()
        } catch {
            throw ControlAddress.Problem(description: "--control: \(error)")
        }
        desk = ControlDesk(fleet: fleet, gate: gate)
        server = try ControlServer(address: address, gate: gate, logger: logger)
    }

    /// Registers the desk with the loop that drives the fleet.
    public func attach(to loop: LiveLoop) { desk.attach(to: loop) }

    /// The dashboard's URL.
    public var url: String { server.url }

    /// Refuses further requests and shuts the server down.
    public func stop() { server.stop() }
}
