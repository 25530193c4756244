import Foundation
import OCPPTransport
import SimCore
import Transport

/// The floor under evsesim's OCPP figures: one MeterValues frame the stations sent, pre-encoded,
/// sent every 10 s by as many ``OCPPLink``s (fresh message ids) on the same kind of live loop,
/// with no simulation at all; the CSMS's answers are drained from the mailbox.
enum OCPPFloorBenchmark {
    /// Runs the floor for `seconds` against the CSMS on `port`; `measure` is called with the
    /// window when the loop starts.
    static func run(
        frame: String, stations: Int, port: Int, seconds: Int64, measure: (CPUWindow) -> Void
    ) throws -> CPUWindow {
        guard let call = frame.range(of: ",\"MeterValues\"") else {
            throw BenchmarkSetupError("not a MeterValues call: \(frame)")
        }
        let tail = Array(("\"" + frame[call.lowerBound...]).utf8)
        let mailbox = try LoopMailbox<OCPPLinkEvent>()
        let settings = OCPPLinkSettings(url: "ws://127.0.0.1:\(port)/ocpp")
        let links = (0..<stations).map {
            OCPPLink(
                position: $0, chargePointID: "FLOOR_\($0)", settings: settings, mailbox: mailbox,
                logger: LiveBenchmarkSupport.quiet)
        }
        let sender = Sender(links: links, tail: tail)
        let loop = try LiveLoop(
            simulation: sender, configuration: LiveLoop.Configuration(pacing: .scaled(1), handlesSignals: false),
            logger: LiveBenchmarkSupport.quiet)
        loop.register(mailbox, name: "ocpp") { _ in _ = mailbox.take() }
        let window = CPUWindow()
        for link in links { link.start() }
        measure(window)
        _ = try loop.run(until: .zero + .seconds(seconds))
        window.end()
        for link in links { link.stop() }
        return window
    }

    /// Sends the pre-encoded call on every link every 10 s, from 5 s on (when the stations plug in).
    final class Sender: LiveSimulation {
        let links: [OCPPLink]
        let tail: [UInt8]
        private(set) var now: SimInstant = .zero
        private var nextTick: SimInstant = .zero + .seconds(5)
        private var sent = 0

        init(links: [OCPPLink], tail: [UInt8]) {
            self.links = links
            self.tail = tail
        }

        func nextEventTime() -> SimInstant? { nextTick }

        func run(until t: SimInstant) {
            while nextTick <= t {
                for (k, link) in links.enumerated() {
                    sent += 1
                    link.send(Array("[2,\"f\(k)-\(sent)".utf8) + tail)
                }
                nextTick = nextTick + .seconds(10)
            }
            now = t
        }
    }
}
