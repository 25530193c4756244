import Foundation
import Glibc

/// `evsesim serve --no-pty --control 127.0.0.1:0` as a separate process, reached over its real
/// loopback socket.
///
/// A separate process and not a server inside the test process: the server's tasks run on
/// Swift's cooperative threads (two on a 2-core machine), which the test process's many blocking
/// tests can hold for minutes when the whole suite runs at once.
enum ControlTestSession {
    /// Starts `serve --no-pty --control 127.0.0.1:0` plus `extra`; returns it with its port.
    static func start(_ extra: [String] = []) throws -> (ServeProcess, Int) {
        let serve = try ServeProcess(["--no-pty", "--control", "127.0.0.1:0"] + extra)
        guard serve.waitUntilServing() else { throw TestSetupError("serve did not start: \(serve.stderr)") }
        let marker = "control API and dashboard: http://127.0.0.1:"
        guard let range = serve.stdout.range(of: marker),
            let port = Int(serve.stdout[range.upperBound...].prefix { $0.isNumber })
        else { throw TestSetupError("no control line in the banner: \(serve.stdout)") }
        return (serve, port)
    }

    /// Runs `client(port)` against a served fleet (×10 speed), then stops the process with
    /// SIGTERM (its trace is complete then) and returns what the client returned.
    static func run<T>(
        count: Int = 1, token: String? = nil, tracePath: String? = nil, _ client: (Int) throws -> T
    ) throws -> T {
        var extra = ["--speed", "x10", "--stations", "\(count)"]
        if let token { extra += ["--control-token", token] }
        if let tracePath { extra += ["--trace", tracePath] }
        let (serve, port) = try start(extra)
        let result = Result { try client(port) }
        serve.signal(SIGTERM)
        guard serve.exitStatus(within: .seconds(10)) == 143 else {  // SIGTERM: 128 + 15
            throw TestSetupError("serve did not stop cleanly: \(serve.stderr)")
        }
        return try result.get()
    }
}
