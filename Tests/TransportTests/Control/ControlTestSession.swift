import Control
import Foundation
import Live
import Logging
import Synchronization
import Transport

/// A live fleet with the control API on a loopback port, served on the test's thread while
/// `client` runs on its own thread against the real socket; the session stops when the
/// client returns.
enum ControlTestSession {
    /// Runs `client(port)` against a served fleet and returns what it returned.
    ///
    /// The session runs on a thread of its own: the server's start-up and the loop block, and
    /// the tests' cooperative threads are needed by the server's tasks (two on a 2-core machine).
    static func run<T: Sendable>(
        count: Int = 1, token: String? = nil, tracePath: String? = nil,
        _ client: @escaping @Sendable (Int) throws -> T
    ) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(
                    with: Result { try serve(count: count, token: token, tracePath: tracePath, client) })
            }
        }
    }

    private static func serve<T: Sendable>(
        count: Int, token: String?, tracePath: String?, _ client: @escaping @Sendable (Int) throws -> T
    ) throws -> T {
        var configuration = try LiveSetup.configuration(ptyPath: nil, count: count)
        configuration.observed = true
        configuration.tracePath = tracePath
        let fleet = try LiveFleet(configuration: configuration, logger: quietLogger)
        let address = try ControlAddress(parsing: "127.0.0.1:0", anyAddress: false, token: token)
        let service = try ControlService(address: address, fleet: fleet, logger: quietLogger)
        defer { service.stop() }
        let port = service.server.address.port
        let outcome = Mutex<Result<T, any Error>?>(nil)
        _ = try fleet.serve(
            pacing: .scaled(10), duration: .seconds(3600), handlesSignals: false, attaching: [service.attach]
        ) { stopper in
            Thread.detachNewThread {
                let result = Result { try client(port) }
                outcome.withLock { $0 = result }
                stopper.requestStop()
            }
        }
        guard let result = outcome.withLock({ $0 }) else { throw TestSetupError("the client did not finish") }
        return try result.get()
    }
}
